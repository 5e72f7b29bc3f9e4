#include "support/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace bilan {

unsigned worker_threads(unsigned at_most) {
  return std::max(1u, std::min(std::thread::hardware_concurrency(), at_most));
}

void run_parallel(size_t count, unsigned threads, const std::function<void(size_t task, unsigned worker)>& work) {
  std::atomic<size_t> next{0};
  std::mutex error_mu;
  std::exception_ptr error;
  auto worker = [&](unsigned w) {
    try {
      for (size_t i = next++; i < count; i = next++) work(i, w);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mu);
      if (!error) error = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> others;
  for (unsigned t = 1; t < threads && t < count; ++t) others.emplace_back(worker, t);
  worker(0);
  for (std::thread& t : others) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace bilan
