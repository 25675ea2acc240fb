"""Every threshold the recogniser uses, in one place. Pass a changed copy to try other values."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchSettings:
    # labels
    narrative_len: int = 50          # a whole line longer than this is narrative, never a label
    short_label_len: int = 30        # section headings and table-3 group labels are no longer
    row_score: float = 0.6           # a printed label reads as a table-3 row from this similarity on
    row_score_floor: float = 0.5     # below this the exact similarity is not worth computing
    wrapped_min_len: int = 4         # a label cut by a line wrap keeps at least this many characters
    wrapped_score: float = 0.92      # score of a label cut by a line wrap
    extended_score: float = 0.9      # score of a standard label with a few characters added
    extended_max_extra: int = 6      # at most this many
    no_ordinal_penalty: float = 0.1  # a label printed without the standard ordinal
    bare_header_len: int = 3         # '总计', '其他' without an ordinal are column headers, not rows
    group_score: float = 0.7         # a printed group label reads as a table-3 group from this on
    group_prefix_len: int = 2        # a group label cut by a wrap keeps at least this many characters
    section_score: float = 0.8       # a line reads as a section heading from this similarity on
    section_max_extra: int = 6       # a heading may be this much longer than the standard ...
    section_suffix_len: int = 4      # ... and may add this many characters after the standard words
    section_variant_score: float = 0.6  # a heading with another section's ordinal, its key words and this similarity
    t4_anchor_len: int = 6           # '行政复议' with at most this many characters is table 4's anchor
    min_t3_columns: int = 3          # fewer recognised header words: assume the standard columns
    # locating
    t2_start_len: int = 14           # '第二十条第（一）项' opening table 2 is no longer
    t3_header_lookback: int = 80     # items before the first table-3 row searched for its header
    t4_window: int = 12              # items after the anchor that must speak of 诉讼 or 维持
    t4_lookahead: int = 80           # items after the anchor searched for its first value
    last_row_values: int = 8         # values after the last table-3 label (one cell per line)
    # run-together digits
    max_cut_slots: int = 40          # more cut positions than this: too many splits to try
    run_slack: int = 1               # one token with at least n - slack digits is a run-together row


DEFAULTS = MatchSettings()
