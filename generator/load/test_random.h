// A small deterministic generator for tests that mutate inputs at random
// (splitmix64), so that a failure can be replayed from its seed.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bilan {

struct TestRandom {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// A number in [0, n), 0 when n is 0.
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

}  // namespace bilan
