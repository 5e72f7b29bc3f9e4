#include "model/model.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace bilan;

namespace {

Project with_territories(int count) {
  Project p;
  for (int i = 0; i < count; ++i) {
    Territory t;
    t.id = "t" + std::to_string(i);
    p.territories.push_back(t);
  }
  return p;
}

}  // namespace

TEST_CASE("find_territory finds the first territory of an id") {
  Project p = with_territories(1000);
  REQUIRE(p.find_territory("t0"));
  CHECK(p.find_territory("t0") == &p.territories[0]);
  CHECK(p.find_territory("t999") == &p.territories[999]);
  CHECK(p.find_territory("t1000") == nullptr);
  CHECK(p.find_territory("") == nullptr);
  // Duplicates (validate reports them): the first.
  p.territories[500].id = "t7";
  CHECK(p.find_territory("t7") == &p.territories[7]);
}

TEST_CASE("find_territory is never stale after the territories change") {
  Project p = with_territories(100);
  REQUIRE(p.find_territory("t50") == &p.territories[50]);
  // Renamed in place: the old id is gone, the new one is found.
  p.territories[50].id = "renamed";
  CHECK(p.find_territory("t50") == nullptr);
  CHECK(p.find_territory("renamed") == &p.territories[50]);
  // Added, removed, reordered.
  Territory extra;
  extra.id = "extra";
  p.territories.push_back(extra);
  CHECK(p.find_territory("extra") == &p.territories.back());
  p.territories.erase(p.territories.begin());
  CHECK(p.find_territory("t0") == nullptr);
  CHECK(p.find_territory("t1") == &p.territories[0]);
  std::swap(p.territories[0], p.territories[1]);
  CHECK(p.find_territory("t1") == &p.territories[1]);
  CHECK(p.find_territory("t2") == &p.territories[0]);
}

TEST_CASE("a copy of a project finds its own territories") {
  Project p = with_territories(10);
  REQUIRE(p.find_territory("t3") == &p.territories[3]);
  Project copy = p;
  CHECK(copy.find_territory("t3") == &copy.territories[3]);
  Project moved = std::move(copy);
  CHECK(moved.find_territory("t3") == &moved.territories[3]);
  Project assigned;
  assigned = p;
  CHECK(assigned.find_territory("t4") == &assigned.territories[4]);
}

TEST_CASE("find_territory is safe from several threads at once") {
  Project p = with_territories(5000);
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&p, &wrong, t] {
      for (int i = t; i < 5000; i += 3)
        if (p.find_territory("t" + std::to_string(i)) != &p.territories[static_cast<size_t>(i)]) ++wrong[static_cast<size_t>(t)];
    });
  for (auto& th : threads) th.join();
  CHECK(wrong == std::vector<int>(4, 0));
}
