// bilan: YAML + Markdown -> website and PDF brochures of the pacte territoire santé.
//
//   load (content/) -> validate -> render (html/, pdf/) -> write (site/)
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>

#include "build/build.h"
#include "build/renderers.h"

using namespace bilan;

namespace {

int check(const std::string& source) {
  DiskFileSystem files(source);
  LoadedProject lp = load_and_validate(files);
  if (!lp.ok()) {
    print_diagnostics(lp.diags, lp.texts, std::cerr);
    return 1;
  }
  std::cout << "bilan: " << source << ": ok (" << lp.project.regions().size() << " regions, "
            << lp.project.themes.size() << " themes, " << lp.project.dossier.engagements.size() << " engagements, "
            << lp.project.notes.size() << " notes, " << lp.project.publications().size() << " publications)\n";
  return 0;
}

int build(const std::string& source, const std::string& out_dir, bool quiet) {
  auto start = std::chrono::steady_clock::now();
  DiskFileSystem files(source);
  LoadedProject lp = load_and_validate(files);
  if (!lp.ok()) {
    print_diagnostics(lp.diags, lp.texts, std::cerr);
    return 1;
  }
  OutputSet outputs;
  Diagnostics diags = render_all(lp, files, default_renderers(), &outputs);
  if (!diags.empty()) {
    print_diagnostics(diags, lp.texts, std::cerr);
    return 1;
  }
  std::string err;
  if (!write_outputs_atomically(outputs, out_dir, &err)) {
    std::cerr << "bilan: error: " << err << "\n";
    return 1;
  }
  if (!quiet) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << "bilan: wrote " << outputs.files().size() << " files to " << out_dir << " in " << static_cast<int>(ms)
              << " ms\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bilan: the website and PDF brochures of the pacte territoire santé, from YAML and Markdown"};
  app.set_version_flag("--version", std::string("bilan ") + BILAN_VERSION);
  app.require_subcommand(1);

  std::string source = ".";
  std::string out_dir = "site";
  bool quiet = false;

  CLI::App* build_cmd = app.add_subcommand("build", "build the website and the PDFs into --out");
  build_cmd->add_option("--source", source, "project folder holding content/, templates/, assets/")
      ->capture_default_str();
  build_cmd->add_option("--out", out_dir, "output folder")->capture_default_str();
  build_cmd->add_flag("-q,--quiet", quiet, "print only errors");

  CLI::App* check_cmd = app.add_subcommand("check", "load and validate the content, write nothing");
  check_cmd->add_option("--source", source, "project folder holding content/, templates/, assets/")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*check_cmd) return check(source);
    if (*build_cmd) return build(source, out_dir, quiet);
  } catch (const std::exception& e) {
    std::cerr << "bilan: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
