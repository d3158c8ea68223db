"""The transforms, and the one place that fixes the order in which they run.

Each module here holds one transform (a :class:`~minimizer.transforms.base.Transform`
subclass). The tiers below are the order the search runs them in, each round:
every tier is one chain, its transforms stacked in the order listed and
verified together (see ``minimizer.search``).
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass

from minimizer.transforms.base import Safety, Transform


@dataclass(frozen=True)
class Tier:
    """Transforms of one safety level, chained in this order and verified as one."""

    name: str
    safety: Safety
    #: Why the tier sits where it does.
    why: str
    modules: tuple[str, ...]


GOLF_TIERS = (
    Tier(
        "safe",
        Safety.SAFE,
        "Equivalent by construction, so one run or a cheap proof accepts the whole chain;"
        " removals and restructurings come before the renames, so that renaming sees the"
        " final set of names.",
        (
            "remove_docstrings",
            "remove_annotations",
            "remove_redundant_pass",
            "remove_return_none",
            "remove_object_base",
            "drop_exception_brackets",
            "remove_unused",
            "inline_constants",
            "fold_constants",
            "convert_def_to_lambda",
            "compact_imports",
            "shorten_literals",
            "rename_globals",
            "rename_locals",
            "alias_imports",
        ),
    ),
    Tier(
        "risky",
        Safety.RISKY,
        "Only the verifier can tell whether these keep behaviour (evaluation order, float"
        " bits, outside attributes); after the safe tier, so a failing link never holds"
        " back a proven one.",
        (
            "unroll_loops",
            "roll_repetitions",
            "inline_variables",
            "fold_assignments",
            "shorten_keys",
            "merge_dict_stores",
            "rename_attributes",
            "augment_assignments",
            "rewrite_isinstance",
            "swap_operands",
            "positional_arguments",
            "alias_names",
            # Bold rewrites, proposed whether or not they keep every float (issue 11):
            # last, so that the careful ones above have their turn first each round.
            "iterate_file_lines",
            "split_stripped_lines",
            "import_star",
            "inline_unpassed_defaults",
            "convert_dict_to_list",
            "pair_parallel_attributes",
            "unwrap_singleton_lists",
            "flatten_with_sum",
            "repeat_as_comprehension",
            "accumulate_strings",
            "inline_bindings",
            "collect_appends",
            "augment_collection_calls",
            "extend_with_tuples",
            "unpack_into_displays",
            "fold_def_with_walrus",
            "alias_reflected_dunders",
            "chain_assignments",
            "unchain_rebound_targets",
            "reuse_subexpressions",
            "copy_twin_lists",
            "index_conditionals",
            "iterate_directly",
            "index_through_slices",
            "zip_indexed_sequences",
            "map_comprehensions",
            "map_operators",
            "map_loop_calls",
            "convert_break_loops",
            "generate_arguments",
            "merge_list_concatenations",
            "reverse_by_slice",
            "order_visits_by_dict",
            "split_print_fstrings",
            "format_with_percent",
            "invert_increments",
            "multiply_by_reciprocal",
            "unwrap_float_comparisons",
            "square_products",
            "name_repeated_calls",
            "split_string_lists",
            "hoist_repeated_literals",
            "name_constant_indexes",
            "drop_unpaid_aliases",
            "fold_floats_approximately",
        ),
    ),
    Tier(
        "layout",
        Safety.LAYOUT,
        "The same ast, so no run is needed; last, since rewrites read code better before"
        " it is squeezed onto few lines.",
        (
            "remove_comments",
            "drop_parentheses",
            "drop_trailing_commas",
            "join_statements",
            "inline_bodies",
            "minimize_whitespace",
        ),
    ),
)

#: Shorter *and* clearer only: names and layout stay, black formats the result, and a
#: restructuring is kept only where it saves one of black's lines (``minimizer.objective``).
READABLE_TIERS = (
    Tier(
        "safe",
        Safety.SAFE,
        "Equivalent by construction; removals first, so that later ones see less.",
        (
            "remove_docstrings",
            "remove_unused",
            "convert_def_to_lambda",
            "merge_independent_assignments",
            "compact_imports",
            "shorten_literals",
        ),
    ),
    Tier(
        "risky",
        Safety.RISKY,
        "Moving a value moves when it is evaluated: only the verifier decides.",
        ("inline_variables", "fold_assignments"),
    ),
    Tier(
        "layout",
        Safety.LAYOUT,
        "The same ast, so no run is needed; black lays out the result anyway.",
        ("remove_comments", "drop_parentheses"),
    ),
)


def load_transform(module_name: str) -> Transform:
    """The one concrete Transform defined in ``minimizer.transforms.<module_name>``."""
    module = importlib.import_module(f"{__name__}.{module_name}")
    found = [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Transform)
        and cls.__module__ == module.__name__
        and not inspect.isabstract(cls)
    ]
    if len(found) != 1:
        raise LookupError(
            f"{module.__name__} must define exactly one transform, found {len(found)}"
        )
    return found[0]()


def load_tiers(tiers: tuple[Tier, ...]) -> list[list[Transform]]:
    """Each tier's transforms, in the order they run."""
    return [[load_transform(name) for name in tier.modules] for tier in tiers]
