"""The transforms, and the one place that fixes the order in which they run.

Each module here holds one transform (a :class:`~minimizer.transforms.base.Transform`
subclass). The pipelines below name modules in the order the search applies
them: removals and restructurings first, so that renaming sees the final set of
names, then spellings, and layout last, on the code that is left.
"""

from __future__ import annotations

import importlib
import inspect

from minimizer.transforms.base import Transform

GOLF_PIPELINE = (
    "remove_comments",
    "remove_docstrings",
    "remove_unused",
    "unroll_loops",
    "inline_constants",
    "fold_constants",
    "convert_def_to_lambda",
    "inline_variables",
    "fold_assignments",
    "shorten_keys",
    "merge_dict_stores",
    "compact_imports",
    "shorten_literals",
    "rename_attributes",
    "rename_globals",
    "rename_locals",
    "alias_imports",
    "augment_assignments",
    "rewrite_isinstance",
    "swap_operands",
    "positional_arguments",
    "alias_names",
    # issue 11 rewrites
    "iterate_file_lines",
    "split_stripped_lines",
    "import_star",
    "inline_unpassed_defaults",
    "convert_dict_to_list",
    "unwrap_singleton_lists",
    "flatten_with_sum",
    "repeat_as_comprehension",
    "accumulate_strings",
    "inline_bindings",
    "collect_appends",
    "augment_collection_calls",
    "fold_def_with_walrus",
    "alias_reflected_dunders",
    "chain_assignments",
    "reuse_subexpressions",
    "copy_twin_lists",
    "index_conditionals",
    "iterate_directly",
    "map_comprehensions",
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
    "hoist_repeated_literals",
    # end of issue 11 rewrites
    "drop_parentheses",
    "drop_trailing_commas",
    "join_statements",
    "inline_bodies",
    "minimize_whitespace",
)

#: Shorter *and* clearer only: names and layout stay, black formats the result, and a
#: restructuring is kept only where it saves one of black's lines (``minimizer.objective``).
READABLE_PIPELINE = (
    "remove_comments",
    "remove_docstrings",
    "remove_unused",
    "convert_def_to_lambda",
    "inline_variables",
    "fold_assignments",
    "merge_independent_assignments",
    "compact_imports",
    "shorten_literals",
    "drop_parentheses",
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


def load_pipeline(module_names: tuple[str, ...]) -> list[Transform]:
    return [load_transform(name) for name in module_names]
