#include "load/source_texts.h"

#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

using namespace bilan;

TEST_CASE("source texts are found by path, as in a map") {
  SourceTexts texts;
  CHECK(texts.find("a.yaml") == texts.end());
  texts.add("a.yaml", "id: a\n");
  texts.add("b.md", "");
  auto a = texts.find("a.yaml");
  REQUIRE(a != texts.end());
  CHECK(a->first == "a.yaml");
  CHECK(a->second == "id: a\n");
  REQUIRE(texts.find("b.md") != texts.end());
  CHECK(texts.find("b.md")->second.empty());
  CHECK(texts.find("c.md") == texts.end());
  CHECK(texts.text("a.yaml") == "id: a\n");
  CHECK(texts.size() == 2);
}

TEST_CASE("a later text of the same path wins, even after a lookup") {
  SourceTexts texts;
  texts.add("a.yaml", "one");
  auto before = texts.find("a.yaml");
  texts.add("a.yaml", "two");
  CHECK(texts.find("a.yaml")->second == "two");
  CHECK(before->second == "two");  // the pair handed out follows
  CHECK(texts.text("a.yaml") == "two");
}

TEST_CASE("many and large source texts keep their bytes, in copies and moves too") {
  SourceTexts texts;
  std::vector<std::string> originals;
  for (int i = 0; i < 3000; ++i) {
    // Small texts share blocks; every 500th is larger than a block.
    std::string text(i % 500 == 0 ? 300000 + static_cast<size_t>(i) : static_cast<size_t>(i % 97) + 1,
                     static_cast<char>('a' + i % 26));
    texts.add("f" + std::to_string(i), text);
    originals.push_back(std::move(text));
  }
  SourceTexts copy = texts;
  SourceTexts moved = std::move(texts);
  SourceTexts appended;
  appended.add_all(copy);
  for (int i = 0; i < 3000; i += 7) {
    std::string path = "f" + std::to_string(i);
    INFO(path);
    CHECK(copy.text(path) == originals[static_cast<size_t>(i)]);
    CHECK(moved.text(path) == originals[static_cast<size_t>(i)]);
    REQUIRE(appended.find(path) != appended.end());
    CHECK(appended.find(path)->second == originals[static_cast<size_t>(i)]);
  }
}

TEST_CASE("source texts are looked up from several threads at once") {
  SourceTexts texts;
  for (int i = 0; i < 200; ++i) texts.add("f" + std::to_string(i), "text " + std::to_string(i));
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&texts, &wrong, t] {
      for (int i = 0; i < 200; ++i) {
        auto it = texts.find("f" + std::to_string((i * 7 + t) % 200));
        if (it == texts.end() || it->second != "text " + std::to_string((i * 7 + t) % 200)) ++wrong[static_cast<size_t>(t)];
      }
    });
  for (auto& th : threads) th.join();
  CHECK(wrong == std::vector<int>(4, 0));
}
