// Work spread over the machine's cores, for the renderers: the pages of the
// site, the PDFs, the streams of one PDF.
//
//   run_parallel(jobs.size(), worker_threads(), [&](size_t i, unsigned worker) {
//     results[i] = make(jobs[i], &scratch[worker]);
//   });
//
// Results go by task index, so the output does not depend on which thread
// ran what; `worker` (0 .. threads - 1) lets each thread keep scratch state
// of its own, such as a compressor.
#pragma once

#include <cstddef>
#include <functional>

namespace bilan {

/// One per core, at most `at_most`, at least 1.
unsigned worker_threads(unsigned at_most = 8);

/// Runs work(0, w) ... work(count - 1, w) on up to `threads` threads (the
/// calling one included, as worker 0), each taking the next task until none
/// is left; returns when all are done. An exception stops the others from
/// taking more tasks and is thrown again here.
void run_parallel(size_t count, unsigned threads, const std::function<void(size_t task, unsigned worker)>& work);

}  // namespace bilan
