// bilan: YAML + Markdown -> website and PDF brochures of the pacte territoire santé.
//
//   load (content/) -> validate -> render (html/, pdf/) -> write (site/)
//
// Commands: build, check, serve (preview with live reload), new (skeleton
// content), schema (JSON Schema of the content files for editors).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "build/build.h"
#include "build/incremental.h"
#include "build/renderers.h"
#include "build/summary.h"
#include "load/schema.h"
#include "scaffold/scaffold.h"
#include "serve/serve.h"

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

int build(const std::string& source, const std::string& out_dir, bool clean, bool quiet, bool verbose) {
  std::vector<Renderer> renderers = default_renderers();
  // The bar's stages, weighted by the last build's times when there was one.
  std::vector<std::string> stages = {"load"};
  for (const auto& r : renderers) stages.push_back(r.name);
  stages.push_back("write");
  Manifest last;
  bool have_last = !clean && read_manifest(out_dir, &last);
  ProgressBar bar(std::cout, !quiet && ::isatty(STDOUT_FILENO), stages,
                  have_last ? last.times : std::vector<StageTime>());
  BuildOptions options;
  options.clean = clean;
  options.on_stage = [&](const std::string& s) {
    bar.stage(s);
    if (verbose) {
      bar.finish();  // verbose lines and a bar do not mix
      std::cout << "bilan: " << s << "\n" << std::flush;
    }
  };
  options.on_write = [&](size_t done, size_t total) { bar.files(done, total); };

  DiskFileSystem files(source);
  BuildResult r = build_project(files, out_dir, renderers, options);
  bar.finish();
  if (!r.loaded.ok()) {
    print_diagnostics(r.loaded.diags, r.loaded.texts, std::cerr);
    return 1;
  }
  if (!r.render_diags.empty()) {
    print_diagnostics(r.render_diags, r.loaded.texts, std::cerr);
    return 1;
  }
  if (!r.error.empty()) {
    std::cerr << "bilan: error: " << r.error << "\n";
    return 1;
  }
  if (!quiet) std::cout << format_summary(r.summary, verbose);
  return 0;
}

int serve(const std::string& source, const std::string& bind, int port, bool quiet, bool verbose) {
  ServeOptions options;
  options.source = source;
  options.bind = bind;
  options.port = port;
  options.quiet = quiet;
  options.verbose = verbose;
  options.renderers = default_renderers();
  return run_serve(options, std::cout, std::cerr);
}

// `bilan new region NAME` and `bilan new example REGION NAME`: the files are
// checked together with the project before any is written.
int new_content(const std::string& source, const std::string& kind, const std::vector<std::string>& args) {
  DiskFileSystem files(source);
  LoadedProject lp = load_and_validate(files);
  if (!lp.ok()) {
    print_diagnostics(lp.diags, lp.texts, std::cerr);
    std::cerr << "bilan: error: fix the content first: new files are added to a project that checks\n";
    return 1;
  }
  std::vector<NewFile> created;
  std::string err;
  bool ok = kind == "region" ? new_region(lp.project, files, args[0], &created, &err)
                             : new_example(lp.project, files, args[0], args[1], &created, &err);
  if (!ok) {
    std::cerr << "bilan: error: " << err << "\n";
    return 1;
  }
  OverlayFileSystem with_new(files, created);
  LoadedProject after = load_and_validate(with_new);
  if (!after.ok()) {
    print_diagnostics(after.diags, after.texts, std::cerr);
    std::cerr << "bilan: error: internal error: the new files would not pass bilan check; nothing written\n";
    return 1;
  }
  if (!create_files(source, created, &err)) {
    std::cerr << "bilan: error: " << err << "\n";
    return 1;
  }
  for (const auto& f : created) std::cout << "bilan: created " << f.path << "\n";
  std::cout << "bilan: fill in what the comments show, then run bilan check\n";
  return 0;
}

// `bilan schema`: one JSON Schema per content file kind, and catalog.json
// saying which files each applies to (JSON Schema Store's catalog format).
int schema(const std::string& out_dir, bool quiet) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  stdfs::create_directories(out_dir, ec);
  if (ec) {
    std::cerr << "bilan: error: cannot create folder '" << out_dir << "': " << ec.message() << "\n";
    return 1;
  }
  std::map<std::string, std::string> outputs;  // file name -> text
  for (const auto& k : file_kinds()) outputs[schema_file_name(*k.shape)] = json_schema(*k.shape);
  outputs["catalog.json"] = schema_catalog();
  for (const auto& [name, text] : outputs) {
    std::ofstream f(stdfs::path(out_dir) / name, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f.good()) {
      std::cerr << "bilan: error: cannot write '" << (stdfs::path(out_dir) / name).string() << "'\n";
      return 1;
    }
  }
  if (!quiet) std::cout << "bilan: wrote " << outputs.size() << " files to " << out_dir << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bilan: the website and PDF brochures of the pacte territoire santé, from YAML and Markdown"};
  app.set_version_flag("--version", std::string("bilan ") + BILAN_VERSION);
  app.require_subcommand(1);

  std::string source = ".";
  std::string out_dir = "site";
  std::string schema_dir;
  std::string bind = "127.0.0.1";
  int port = 1313;
  bool quiet = false, verbose = false, clean = false;
  std::string new_region_name, new_example_region, new_example_name;
  const char* source_help = "project folder holding content/, templates/, assets/";

  CLI::App* build_cmd = app.add_subcommand("build", "build the website and the PDFs into --out");
  build_cmd->add_option("--source", source, source_help)->capture_default_str();
  build_cmd->add_option("--out", out_dir, "output folder")->capture_default_str();
  build_cmd->add_flag("--clean", clean, "ignore the previous build: render and write every file");
  build_cmd->add_flag("-q,--quiet", quiet, "print only errors");
  build_cmd->add_flag("-v,--verbose", verbose, "print each stage, why renderers ran, and every file written");

  CLI::App* check_cmd = app.add_subcommand("check", "load and validate the content, write nothing");
  check_cmd->add_option("--source", source, source_help)->capture_default_str();

  CLI::App* serve_cmd =
      app.add_subcommand("serve", "serve the site with live reload, rebuilding on every change (Ctrl+C to stop)");
  serve_cmd->add_option("--source", source, source_help)->capture_default_str();
  serve_cmd->add_option("--port", port, "port to listen on; 0 picks a free one")->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--bind", bind, "address to listen on (0.0.0.0 for every interface)")->capture_default_str();
  serve_cmd->add_flag("-q,--quiet", quiet, "print only errors");
  serve_cmd->add_flag("-v,--verbose", verbose, "print changed files and stage times of every rebuild");

  CLI::App* new_cmd = app.add_subcommand("new", "write skeleton content files that pass bilan check");
  new_cmd->add_option("--source", source, source_help)->capture_default_str();
  new_cmd->require_subcommand(1);
  new_cmd->fallthrough();  // `bilan new region X --source DIR` works too
  CLI::App* new_region_cmd = new_cmd->add_subcommand("region", "a new region: content/regions/<id>/");
  new_region_cmd->add_option("name", new_region_name, "the region's name, as printed (\"Île-de-France\")")->required();
  CLI::App* new_example_cmd =
      new_cmd->add_subcommand("example", "a new EXEMPLE: content/regions/<region>/examples/<id>.md");
  new_example_cmd->add_option("region", new_example_region, "the region's id or name")->required();
  new_example_cmd->add_option("name", new_example_name, "the territory's name, as printed")->required();

  CLI::App* schema_cmd =
      app.add_subcommand("schema", "write the JSON Schema of each content file kind, for editors");
  schema_cmd->add_option("--source", source, source_help)->capture_default_str();
  schema_cmd->add_option("--out", schema_dir, "output folder (default: <source>/assets/schema)");
  schema_cmd->add_flag("-q,--quiet", quiet, "print only errors");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*check_cmd) return check(source);
    if (*build_cmd) return build(source, out_dir, clean, quiet, verbose && !quiet);
    if (*serve_cmd) return serve(source, bind, port, quiet, verbose && !quiet);
    if (*new_region_cmd) return new_content(source, "region", {new_region_name});
    if (*new_example_cmd) return new_content(source, "example", {new_example_region, new_example_name});
    if (*schema_cmd) return schema(schema_dir.empty() ? source + "/assets/schema" : schema_dir, quiet);
  } catch (const std::exception& e) {
    std::cerr << "bilan: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
