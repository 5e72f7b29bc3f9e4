// A small valid project in memory, for loader and validator tests. Tests
// change one file at a time and assert the exact message.
#pragma once

#include "support/fs.h"

namespace bilan {

inline MemoryFileSystem small_project() {
  MemoryFileSystem fs;
  fs.add("content/site.yaml",
         "title: Pacte territoire santé\n"
         "about: about.md\n"
         "contacts:\n"
         "  - label: Contact presse\n"
         "    lines: [cab-ass-presse@sante.gouv.fr]\n");
  fs.add("content/about.md", "Le pacte **territoire santé**.\n");
  fs.add("content/measures.yaml",
         "measures:\n"
         "  - id: cesp\n"
         "    short_name: CESP\n"
         "    long_name: contrat d'engagement de service public\n"
         "    color: \"#000091\"\n"
         "    key: true\n"
         "    fields:\n"
         "      - { id: signes, label: contrats signés }\n"
         "      - { id: installes, label: installations, prefix: déjà, at_most: signes }\n"
         "  - id: msp\n"
         "    short_name: MSP\n"
         "    long_name: maison de santé pluriprofessionnelle\n"
         "    color: \"#e4794a\"\n"
         "    fields:\n"
         "      - { id: ouvertes, label: structures ouvertes }\n");
  fs.add("content/national.yaml",
         "id: france\n"
         "level: nation\n"
         "name: France\n"
         "key_figures:\n"
         "  cesp: { signes: { value: 1800, qualifier: près de } }\n");
  fs.add("content/regions/bretagne/region.yaml",
         "id: bretagne\n"
         "level: region\n"
         "name: Bretagne\n"
         "parent: france\n"
         "order: 3\n"
         "population: 3200000\n"
         "intro: intro.md\n"
         "key_figures:\n"
         "  cesp: { signes: 92, installes: 4 }\n"
         "  msp: { ouvertes: 78 }\n"
         "charts:\n"
         "  - id: msp\n"
         "    kind: comparison\n"
         "    title: Les MSP ont plus que triplé\n"
         "    measure: msp\n"
         "    points:\n"
         "      - { label: \"2012\", value: 22 }\n"
         "      - { label: \"2016\", value: 78 }\n"
         "departements:\n"
         "  - { code: \"35\", name: Ille-et-Vilaine, towns: [Rennes] }\n");
  fs.add("content/regions/bretagne/intro.md", "Avec plus de 3,2 millions d'habitants.\n\n- un\n- deux\n");
  fs.add("content/regions/bretagne/examples/retiers.md",
         "---\n"
         "name: Retiers\n"
         "population: 12572\n"
         "departement: \"35\"\n"
         "measures: [msp]\n"
         "---\n"
         "Ce territoire (12 572 h), périurbain.\n");
  fs.add("content/documents/bilan.yaml",
         "id: bilan-2016\n"
         "title: Pacte territoire santé\n"
         "sections:\n"
         "  - { kind: cover }\n"
         "  - { kind: regions, title: Le pacte en région }\n");
  fs.add("assets/style.yaml",
         "text_font: { regular: a.ttf, bold: b.ttf, italic: c.ttf, bold_italic: d.ttf }\n"
         "fallback_font: { regular: a.ttf, bold: b.ttf, italic: c.ttf, bold_italic: d.ttf }\n"
         "colors: { text: \"#161616\" }\n"
         "sizes: { body: 9.5 }\n");
  return fs;
}

}  // namespace bilan
