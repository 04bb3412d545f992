//! Enumerations with a stable URL slug and a Dutch label.
//!
//! Every enumeration the resident can filter on has the same three faces: the Rust variant, a
//! slug used in URLs, JSON and data files, and the label shown on screen. One macro writes them
//! so the three can never drift apart.

/// Declares a `Copy` enum with `ALL`, `slug()`, `label()`, `from_slug()` and serde through the slug.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => ($slug:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The stable identifier used in URLs, JSON and data files.
            pub const fn slug(self) -> &'static str {
                match self { $( $name::$variant => $slug ),+ }
            }

            /// The Dutch label shown to residents.
            pub const fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }

            /// The value for a slug, if there is one.
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $( $slug => Some($name::$variant), )+ _ => None }
            }

            /// The accepted slugs, for error messages.
            pub fn slugs() -> String {
                [$( $slug ),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
