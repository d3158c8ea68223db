"""Small edits of ``reference/microgpt.py`` that a careless golfer might make, with their verdicts.

Each :class:`Edit` is a list of (old, new) snippet pairs, applied in order;
every ``old`` must occur exactly once in the program at that point, so an edit
can never silently miss. ``MUTANTS`` change at least one observable bit and
carry the quantity and training step of their *first* divergence as the
verifier reports it (``step`` counts the training steps the reference had
completed, so 0 is "before training" and :data:`TINY_STEPS` is "sampling").
``EQUIVALENTS`` change no observable bit and must be accepted.

Expectations hold for the tiny configuration of ``tests/conftest.py`` (3
steps, 3 samples, 50 made-up names); the two edits named in ``FULL_SIZE`` also
hold for the real reference on the real corpus, where they are run once each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "microgpt.py"
#: Training steps of the tiny configuration: a divergence at this step is in the sampling.
TINY_STEPS = 3


@dataclass(frozen=True)
class Edit:
    name: str
    changes: tuple[tuple[str, str], ...]
    quantity: str | None  # None: the edit is equivalent
    step: int | None
    why: str


def region(first: str, last: str) -> str:
    """The reference's text from the line starting with ``first`` to the end of the line
    starting with ``last``: a long snippet without repeating it here."""
    text = REFERENCE.read_text(encoding="utf-8")
    start = text.index(first)
    end = text.index("\n", text.index(last, start)) + 1
    return text[start:end]


def renamed(first: str, last: str, *pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """One change: the region with every listed spelling replaced (names that occur
    nowhere else in the region, so plain replacement is a rename)."""
    old = region(first, last)
    new = old
    for before, after in pairs:
        assert before in new, f"{before!r} is not in the region"
        new = new.replace(before, after)
    return ((old, new),)


def mutant(name: str, old: str, new: str, quantity: str, step: int, why: str) -> Edit:
    return Edit(name, ((old, new),), quantity, step, why)


MUTANTS: tuple[Edit, ...] = (
    mutant(
        "beta1-complement-respelled",
        "(1 - beta1) * p.grad",
        ".15 * p.grad",
        "parameter",
        1,
        "1 - 0.85 is 0.15000000000000002, not .15: the first moment, so the first update, moves",
    ),
    mutant(
        "beta2-complement-respelled",
        "(1 - beta2) * p.grad**2",
        ".01 * p.grad**2",
        "parameter",
        1,
        "1 - 0.99 is 0.010000000000000009: the second moment changes in the first update",
    ),
    mutant(
        "rmsnorm-epsilon",
        "(ms + 1e-5)",
        "(ms + 1e-6)",
        "loss",
        1,
        "the forward pass changes, so the very first loss does",
    ),
    mutant(
        "shuffle-dropped",
        "random.shuffle(docs)\n",
        "",
        "random call",
        0,
        "the shuffle is a random call of its own: the trace misses it",
    ),
    mutant(
        "init-std",
        "std=0.08",
        "std=0.09",
        "random call",
        0,
        "gauss's arguments are part of the random trace",
    ),
    mutant("seed", "random.seed(42)", "random.seed(24)", "random call", 0, "a different seed"),
    mutant(
        "loss-format",
        "{loss.data:.4f}",
        "{loss.data:.5f}",
        "stdout",
        1,
        "the numbers agree, the printed line does not",
    ),
    mutant(
        "bias-correction-by-reciprocal",
        "m[i] / (1 - beta1 ** (step + 1))",
        "m[i] * (1 / (1 - beta1 ** (step + 1)))",
        "parameter",
        1,
        "a division is one rounding, a product by a reciprocal is two",
    ),
    mutant(
        "update-reassociated",
        "lr_t * m_hat / (v_hat**0.5 + eps_adam)",
        "lr_t * (m_hat / (v_hat**0.5 + eps_adam))",
        "parameter",
        1,
        "(a * b) / c and a * (b / c) round differently",
    ),
    mutant(
        "context-off-by-one",
        "min(block_size, len(tokens) - 1)",
        "min(block_size - 1, len(tokens) - 1)",
        "loss",
        1,
        "the first name fills the context, so one position fewer is trained on",
    ),
    mutant(
        "gradient-never-reset",
        "        p.grad = 0\n",
        "",
        "parameter",
        2,
        "the first update sees fresh gradients; the second sees them accumulated",
    ),
    mutant(
        "softmax-sum-reversed",
        "total = sum(exps)",
        "total = sum(exps[::-1])",
        "parameter",
        1,
        "the first loss happens to round the same; the gradients through the sum do not",
    ),
    mutant(
        "rmsnorm-sum-reversed",
        "sum(xi * xi for xi in x)",
        "sum(xi * xi for xi in x[::-1])",
        "parameter",
        1,
        "addition is not associative: the first loss rounds the same, a gradient does not",
    ),
    mutant(
        "loss-sum-reversed",
        "sum(losses)",
        "sum(losses[::-1])",
        "parameter",
        1,
        "the per-token losses summed backwards round to the same first loss, but the"
        " backward pass visits the sum's nodes in another order",
    ),
    mutant(
        "bos-is-first-token",
        "BOS = len(uchars)",
        "BOS = 0",
        "loss",
        1,
        "BOS now shares its id with the first character",
    ),
    mutant(
        "softmax-without-shift",
        "(val - max_val).exp()",
        "val.exp()",
        "parameter",
        1,
        "exp(a - m) / sum is not bit-identical to exp(a) / sum: here the first loss still"
        " is, the gradients are not",
    ),
    mutant(
        "query-key-matrices-swapped",
        "    state_dict[f'layer{i}.attn_wq'] = matrix(n_embd, n_embd)\n"
        "    state_dict[f'layer{i}.attn_wk'] = matrix(n_embd, n_embd)\n",
        "    state_dict[f'layer{i}.attn_wk'] = matrix(n_embd, n_embd)\n"
        "    state_dict[f'layer{i}.attn_wq'] = matrix(n_embd, n_embd)\n",
        "loss",
        1,
        "the same draws in the same flat order, but the query gets the key's weights",
    ),
    mutant(
        "temperature",
        "temperature = 0.5",
        "temperature = 0.6",
        "random call",
        TINY_STEPS,
        "training is untouched; the first sampling call gets other weights",
    ),
    mutant(
        "inference-banner-newline",
        'print("\\n--- inference',
        'print("--- inference',
        "stdout",
        TINY_STEPS,
        "the empty line before the banner is gone",
    ),
    mutant(
        "bos-appended-to-sample",
        "        if token_id == BOS:\n            break\n        sample.append(uchars[token_id])\n",
        "        sample.append(uchars[token_id])\n        if token_id == BOS:\n            break\n",
        "crash",
        TINY_STEPS,
        "BOS has no character: uchars[BOS] raises IndexError",
    ),
    mutant(
        "pow-gradient-rewritten",
        "exponent * self.data ** (exponent - 1)",
        "exponent * self.data**exponent / self.data",
        "parameter",
        1,
        "the same derivative on paper, other roundings in the backward pass",
    ),
    mutant(
        "vocabulary-reversed",
        "sorted(set(''.join(docs)))",
        "sorted(set(''.join(docs)), reverse=True)",
        "loss",
        1,
        "each character gets another token id, so other embedding rows",
    ),
    mutant(
        "docs-count-format",
        'print(f"num docs: {len(docs)}")',
        'print(f"num docs:{len(docs)}")',
        "stdout",
        0,
        "one space less on the first line",
    ),
    mutant(
        "cosine-schedule-off-by-one",
        "(1 + math.cos(math.pi * step / num_steps))",
        "(1 + math.cos(math.pi * (step + 1) / num_steps))",
        "parameter",
        1,
        "the first learning rate is no longer the full one",
    ),
    mutant(
        "bias-correction-exponent",
        "beta1 ** (step + 1)",
        "beta1**step",
        "crash",
        0,
        "1 - beta1**0 is 0: ZeroDivisionError in the first update, before any step is printed",
    ),
    mutant(
        "adam-epsilon",
        "0.99, 1e-8",
        "0.99, 1e-7",
        "parameter",
        1,
        "a larger epsilon damps every update",
    ),
    mutant(
        "half-power-as-sqrt",
        "v_hat**0.5",
        "math.sqrt(v_hat)",
        "parameter",
        1,
        "sqrt is correctly rounded, libm's pow(x, 0.5) is not always: one ULP apart here",
    ),
    mutant(
        "first-rmsnorm-dropped",
        "    x = rmsnorm(x)\n    for li",
        "    for li",
        "loss",
        1,
        "the embedding sum is no longer normalised",
    ),
    mutant(
        "attention-scale",
        "/ head_dim**0.5",
        "/ head_dim",
        "loss",
        1,
        "dividing by 4 instead of 2 sharpens attention",
    ),
    mutant(
        "loss-mean-over-tokens",
        "loss = (1 / n) * sum(losses)",
        "loss = sum(losses) / len(tokens)",
        "loss",
        1,
        "len(tokens) is n + 1 or more: a smaller mean",
    ),
    mutant(
        "parameter-count-line",
        'print(f"num params: {len(params)}")',
        'print(f"params: {len(params)}")',
        "stdout",
        0,
        "a word dropped from the third line",
    ),
    mutant(
        "exit-status",
        "    print(f\"sample {sample_idx+1:2d}: {''.join(sample)}\")\n",
        "    print(f\"sample {sample_idx+1:2d}: {''.join(sample)}\")\nraise SystemExit(3)\n",
        "exit status",
        TINY_STEPS,
        "everything printed agrees, the exit status does not",
    ),
)

# Comments, each with what precedes it on its line when it trails code, to be dropped.
COMMENTS = (
    "  # every run draws the same shuffle, weights and samples",
    "# Model and optimizer configuration.\n",
    "  # width of every embedding and hidden vector",
    "        # Visit children before parents, then apply the chain rule in reverse.\n",
    "# Parameters, created in a fixed order: the order fixes which random draw lands where.\n",
    "  # shift for numerical safety",
    "  # undo the bias towards zero",
)

FLAT_PARAMETERS = '''\
shapes = [('wte', vocab_size, n_embd), ('wpe', block_size, n_embd), ('lm_head', vocab_size, n_embd)]
for i in range(n_layer):
    shapes += [(f'layer{i}.attn_w' + c, n_embd, n_embd) for c in 'qkvo']
    shapes += [(f'layer{i}.mlp_fc1', 4 * n_embd, n_embd), (f'layer{i}.mlp_fc2', n_embd, 4 * n_embd)]
params = [Value(random.gauss(0, 0.08)) for _, nout, nin in shapes for _ in range(nout * nin)]


class Matrices:
    """The named matrices as row slices of the flat parameter list, cut on demand."""

    def __getitem__(self, name):
        offset = 0
        for key, nout, nin in shapes:
            if key == name:
                return [params[offset + r * nin : offset + (r + 1) * nin] for r in range(nout)]
            offset += nout * nin
        raise KeyError(name)


state_dict = Matrices()
'''


def equivalent(name: str, changes: tuple[tuple[str, str], ...], why: str) -> Edit:
    return Edit(name, changes, None, None, why)


EQUIVALENTS: tuple[Edit, ...] = (
    equivalent(
        "choices-weights-passed-by-position",
        (("random.choices(range(vocab_size), weights=", "random.choices(range(vocab_size), "),),
        "random calls are compared as bound to the function's parameters, not as spelled",
    ),
    equivalent(
        "choices-default-k-made-explicit",
        (("for p in probs])[0]", "for p in probs], k=1)[0]"),),
        "k=1 is the default: the call receives the same arguments",
    ),
    equivalent(
        "class-renamed",
        renamed("class Value:", "    return [[Value(", ("Value", "V")),
        "the class's name is never observed",
    ),
    equivalent(
        "attributes-and-slots-renamed",
        renamed(
            "    __slots__",
            "    print(f\"step {step+1",
            ("'data'", "'d'"),
            (".data", ".d"),
            ("'grad'", "'g'"),
            (".grad", ".g"),
            ("_children", "c"),
            ("_local_grads", "l"),
        )
        + (("weights=[p.data for p in probs]", "weights=[p.d for p in probs]"),),
        "the parameters and loss are found by value, whatever their attribute is called",
    ),
    equivalent(
        "globals-renamed",
        (
            *renamed("state_dict = {", "    return linear(x, state_dict", ("state_dict", "W")),
            ("params = [p for mat in W", "P = [p for mat in W"),
            ("{len(params)}", "{len(P)}"),
            ("m = [0.0] * len(params)", "m = [0.0] * len(P)"),
            ("v = [0.0] * len(params)", "v = [0.0] * len(P)"),
            ("enumerate(params)", "enumerate(P)"),
            ("    loss = (1 / n)", "    L = (1 / n)"),
            ("    loss.backward()", "    L.backward()"),
            ("{loss.data:.4f}", "{L.data:.4f}"),
        ),
        "the parameter container and the loss are located by structure, not by name",
    ),
    equivalent(
        "functions-renamed",
        renamed(
            "def linear(x, w):",
            "    return linear(x, state_dict['lm_head'])",
            ("linear(", "lin("),
            ("softmax(", "sm("),
            ("rmsnorm(", "rn("),
        )
        + (("probs = softmax(logits)", "probs = sm(logits)"),)
        + (("probs = softmax([l", "probs = sm([l"),),
        "function names are never observed",
    ),
    equivalent(
        "comments-removed",
        ((region('"""microgpt', '"""\n\nimport os'), ""),)
        + tuple((comment, "") for comment in COMMENTS),
        "comments and the module docstring produce no output",
    ),
    equivalent(
        "whitespace-squeezed",
        (
            (
                region("def linear(x, w):", "    return [sum(wi"),
                "def linear(x,w):return[sum(wi*xi for wi,xi in zip(wo,x))for wo in w]\n",
            ),
            (
                "    def __radd__(self, other):\n        return self + other\n",
                "    def __radd__(s,o):return s+o\n",
            ),
        ),
        "layout is not semantics",
    ),
    equivalent(
        "flat-parameter-list",
        ((region("def matrix(nout, nin", "params = [p for mat"), FLAT_PARAMETERS),),
        "the same draws in the same order, kept in one flat list; the matrices are slices of it "
        "and no dict of matrices exists, so the verifier must find the flat list",
    ),
    equivalent(
        "constants-respelled",
        (
            ("0.01, 0.85, 0.99, 1e-8", "1e-2, .85, .99, .00000001"),
            ("(ms + 1e-5)", "(ms + .00001)"),
        ),
        "another spelling of the very same double",
    ),
    equivalent(
        "configuration-on-separate-lines",
        (
            (
                "learning_rate, beta1, beta2, eps_adam = 0.01, 0.85, 0.99, 1e-8\n",
                "learning_rate = 0.01\nbeta1 = 0.85\nbeta2 = 0.99\neps_adam = 1e-8\n",
            ),
        ),
        "a tuple assignment split into four",
    ),
    equivalent(
        "attention-scale-folded",
        (("/ head_dim**0.5", "/ 2.0"),),
        "head_dim is 4, and 4**0.5 is exactly 2.0",
    ),
    equivalent(
        "learning-rate-halving-folded",
        (("learning_rate * 0.5 * (1", "0.005 * (1"),),
        "halving is exact, so 0.01 * 0.5 is the double nearest 0.005 and rounds the same",
    ),
    equivalent(
        "projections-reordered",
        (
            (
                region("        q = linear(x", "        val = linear(x"),
                "        val = linear(x, state_dict[f'layer{li}.attn_wv'])\n"
                "        k = linear(x, state_dict[f'layer{li}.attn_wk'])\n"
                "        q = linear(x, state_dict[f'layer{li}.attn_wq'])\n",
            ),
        ),
        "they draw nothing and share no state: the graph, so the backward pass, is the same",
    ),
    equivalent(
        "isinstance-as-type-check",
        tuple(
            (
                f"other = other if isinstance(other, Value) else Value(other)\n        return Value({op}",
                f"other = other if type(other) is Value else Value(other)\n        return Value({op}",
            )
            for op in ("self.data + other", "self.data * other")
        ),
        "Value has no subclasses",
    ),
    equivalent(
        "relu-gradient-as-int",
        (("float(self.data > 0)", "int(self.data > 0)"),),
        "1 * g and 0 * g round exactly as 1.0 * g and 0.0 * g (int operands are converted)",
    ),
    equivalent(
        "loss-mean-as-division",
        (("(1 / n) * sum(losses)", "sum(losses) / n"),),
        "Value / n multiplies by n**-1, which is the float 1 / n: the same node",
    ),
    equivalent(
        "temperature-as-product",
        (("l / temperature", "l * 2"),),
        "dividing by 0.5 multiplies by 0.5**-1 == 2.0, exactly",
    ),
    equivalent(
        "negation-as-product",
        (("-probs[tokens[pos_id + 1]].log()", "probs[tokens[pos_id + 1]].log() * -1"),),
        "__neg__ is defined as self * -1",
    ),
    equivalent(
        "in-place-update-spelled-out",
        (("p.data -= lr_t", "p.data = p.data - lr_t"),),
        "x -= y on a float attribute is x = x - y",
    ),
    equivalent(
        "adam-buffers-int-zeros",
        (
            ("m = [0.0] * len(params)", "m = [0] * len(params)"),
            ("v = [0.0] * len(params)", "v = [0] * len(params)"),
        ),
        "beta * 0 is 0.0, exactly as beta * 0.0",
    ),
    equivalent(
        "cache-appends-swapped",
        (
            (
                "        keys[li].append(k)\n        values[li].append(val)\n",
                "        values[li].append(val)\n        keys[li].append(k)\n",
            ),
        ),
        "two independent appends",
    ),
    equivalent(
        "relu-max-operands-swapped",
        (("max(0, self.data)", "max(self.data, 0)"),),
        "max keeps its first argument on a tie, so the two differ only for a pre-activation of"
        " exactly 0.0 or -0.0 (int 0 against the float): none occurs in these runs",
    ),
    equivalent(
        "softmax-division-by-reciprocal",
        (("[e / total for e in exps]", "[e * (1 / total) for e in exps]"),),
        "on Values both are e * total**-1: 1 / total adds only a node multiplying by 1, exact"
        " in both passes",
    ),
    equivalent(
        "learning-rate-as-average",
        (("0.5 * (1 + math.cos(", "(0.5 + 0.5 * math.cos("),),
        "0.5 * (1 + c) and 0.5 + 0.5 * c are the same sum scaled by an exact power of two",
    ),
    equivalent(
        "embedding-sum-operands-swapped",
        (("[t + p for t, p in zip(", "[p + t for t, p in zip("),),
        "addition of two floats is commutative, and each leaf still gets one gradient term",
    ),
    equivalent(
        "document-index-without-modulo",
        (("docs[step % len(docs)]", "docs[step]"),),
        "fewer steps than names (3 of 50 here, 30 of 32033 at full size): the modulo never wraps",
    ),
)

#: Edits also run once on the real reference with the real corpus (slow: a full run each).
FULL_SIZE = ("beta1-complement-respelled", "flat-parameter-list")
