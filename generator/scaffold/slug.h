// Ids from names: "Île-de-France" -> "ile-de-france".
#pragma once

#include <string>
#include <string_view>

namespace bilan {

/// The slug of a name (docs/content-format.md: lowercase ASCII letters,
/// digits and '-'): accents removed (é -> e, œ -> oe, ß -> ss), every other
/// character a separator, separators collapsed and trimmed. "" when nothing
/// is left ("", "—", "北京").
std::string slugify(std::string_view name);

/// `text` as a YAML scalar that reads back as the same text: plain when that
/// is safe ("Île-de-France"), else double-quoted with escapes ("\"Oui: non\"").
std::string yaml_scalar(std::string_view text);

}  // namespace bilan
