//! Keeps the descriptor pool's option resolution off most of a file's source locations.
//!
//! When prost-reflect interprets an option it moves the option's source locations from
//! `…, 999, i` (the `uninterpreted_option` it was parsed into) to the option's field path, and
//! finds them by scanning every location of the file once per option. googleapis files hold
//! tens of thousands of locations and hundreds of options each: that scan was a seventh of
//! `accord lint`'s CPU time there. Only a location under an uninterpreted option can be moved
//! (every path the pool looks for passes through one), so the pool is handed those alone; the
//! others wait in a [`Held`] and are put back around the moved ones, in their original order,
//! once the pool has built the file. The result is the very list the pool would have produced.

use prost_types::SourceCodeInfo;
use prost_types::source_code_info::Location;

/// `uninterpreted_option`'s field number in every `*Options` message.
const UNINTERPRETED_OPTION: i32 = 999;

/// The locations of a file the pool was not given, with a gap where each one it was given
/// belongs.
#[derive(Debug, Default)]
pub(super) struct Held {
    slots: Vec<Option<Location>>,
}

/// Splits `info` into what the pool needs (the locations whose path passes through an
/// uninterpreted option, and perhaps a few more) and the rest.
pub(super) fn split(info: SourceCodeInfo) -> (SourceCodeInfo, Held) {
    let mut to_pool = Vec::new();
    let slots = info
        .location
        .into_iter()
        .map(|loc| {
            // Any 999 in the path, not only at a field-number position: a stray match (the
            // 1000th field of a message) only costs the pool a look at one more location.
            if loc.path.contains(&UNINTERPRETED_OPTION) {
                to_pool.push(loc);
                None
            } else {
                Some(loc)
            }
        })
        .collect();
    (SourceCodeInfo { location: to_pool }, Held { slots })
}

/// Puts the pool's copy of the locations it was given (`moved`, in the order it was given
/// them, paths of interpreted options rewritten) back into their places among the held ones.
pub(super) fn merge(held: Held, moved: Option<&SourceCodeInfo>) -> SourceCodeInfo {
    let mut moved = moved.map(|m| m.location.iter()).into_iter().flatten();
    let location = held
        .slots
        .into_iter()
        .filter_map(|slot| slot.or_else(|| moved.next().cloned()))
        .collect();
    SourceCodeInfo { location }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(path: &[i32], line: i32) -> Location {
        Location {
            path: path.to_vec(),
            span: vec![line, 0, 1],
            ..Default::default()
        }
    }

    #[test]
    fn merge_restores_the_original_order_with_the_moved_paths() {
        let info = SourceCodeInfo {
            location: vec![
                loc(&[], 0),
                loc(&[8, 999, 0], 1),
                loc(&[4, 0], 2),
                loc(&[4, 0, 2, 0, 8, 999, 0], 3),
                loc(&[4, 0, 2, 0], 4),
            ],
        };
        let (mut to_pool, held) = split(info);
        let paths: Vec<&[i32]> = to_pool.location.iter().map(|l| &l.path[..]).collect();
        assert_eq!(paths, [&[8, 999, 0][..], &[4, 0, 2, 0, 8, 999, 0]]);
        // What prost-reflect does to them: go_package, a field's (google.api.field_behavior).
        to_pool.location[0].path = vec![8, 11];
        to_pool.location[1].path = vec![4, 0, 2, 0, 8, 1052, 0];
        let merged = merge(held, Some(&to_pool));
        let got: Vec<(Vec<i32>, i32)> = merged
            .location
            .into_iter()
            .map(|l| (l.path, l.span[0]))
            .collect();
        assert_eq!(
            got,
            [
                (vec![], 0),
                (vec![8, 11], 1),
                (vec![4, 0], 2),
                (vec![4, 0, 2, 0, 8, 1052, 0], 3),
                (vec![4, 0, 2, 0], 4),
            ]
        );
    }

    #[test]
    fn merge_without_the_pools_copy_keeps_the_held_locations() {
        let info = SourceCodeInfo {
            location: vec![loc(&[8, 999, 0], 1), loc(&[2], 2)],
        };
        let (_, held) = split(info);
        let merged = merge(held, None);
        assert_eq!(merged.location.len(), 1);
        assert_eq!(merged.location[0].path, [2]);
    }
}
