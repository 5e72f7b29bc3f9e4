#include "support/parallel.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace bilan {
namespace {

TEST_CASE("run_parallel runs every task once, each on a worker of its own number") {
  for (unsigned threads : {1u, 2u, 5u}) {
    std::vector<int> runs(1000, 0);
    std::vector<unsigned> worker_of(runs.size(), 99);
    run_parallel(runs.size(), threads, [&](size_t i, unsigned w) {
      ++runs[i];
      worker_of[i] = w;
    });
    CHECK(runs == std::vector<int>(runs.size(), 1));
    for (unsigned w : worker_of) CHECK(w < threads);
  }
  int calls = 0;
  run_parallel(0, 4, [&](size_t, unsigned) { ++calls; });
  CHECK(calls == 0);
  CHECK(worker_threads(1) == 1);
  const unsigned cores = std::thread::hardware_concurrency();
  if (cores > 0) CHECK(worker_threads(cores + 1) == cores);  // one per core, no more
}

TEST_CASE("run_parallel throws again the exception of a task") {
  for (unsigned threads : {1u, 2u}) {
    std::atomic<int> ran{0};
    CHECK_THROWS_WITH(run_parallel(100, threads,
                                   [&](size_t i, unsigned) {
                                     ++ran;
                                     if (i == 10) throw std::runtime_error("task 10 failed");
                                   }),
                      "task 10 failed");
    if (threads == 1) CHECK(ran == 11);  // one thread stops at the failed task
  }
}

}  // namespace
}  // namespace bilan
