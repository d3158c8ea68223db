"""Which pyperformance benchmarks make the corpus, and the exact edits that make each one.

Kept apart from ``prepare_corpus.py`` (the mechanism) so that every change made
to another project's code can be read in one place. ``edits`` are exact text
replacements, each of text that occurs once; ``drop`` names top-level
definitions removed whole (the timed wrappers and pyperf's argument helpers);
``main`` is the new body of the ``if __name__ == "__main__":`` block.
"""

from __future__ import annotations

from dataclasses import dataclass

PACKAGE = "pyperformance"
VERSION = "1.14.0"
LICENCE = "MIT (corpus/LICENSE-pyperformance.txt)"
WHEEL_DIR = "pyperformance/data-files/benchmarks"
UNTIMED = "    t0 = pyperf.perf_counter()\n"


@dataclass(frozen=True)
class Program:
    name: str
    path: str
    why: str
    main: str
    edits: tuple[tuple[str, str], ...] = ()
    drop: tuple[str, ...] = ()


PROGRAMS = (
    Program(
        "coroutines",
        "bm_coroutines/run_benchmark.py",
        "timed loop replaced by one run of fibonacci(25); prints its value",
        drop=("bench_coroutines",),
        main="""
        coro = fibonacci(25)
        try:
            while True:
                coro.send(None)
        except StopIteration as stop:
            print(stop.value)
        """,
    ),
    Program(
        "generators",
        "bm_generators/run_benchmark.py",
        "timed loop replaced by one traversal of a 100,000-node tree; prints the sum",
        drop=("bench_generators",),
        main="""
        assert list(tree(range(10))) == list(range(10))
        print(sum(tree(range(100000))))
        """,
    ),
    Program(
        "decimal_factorial",
        "bm_decimal_factorial/run_benchmark.py",
        "the two factorials as shipped, each printed as its length and first digits",
        edits=(
            (
                "        _ = factorial(decimal.Decimal(n), 0)",
                "        result = factorial(decimal.Decimal(n), 0)\n"
                "        print(n, len(str(result)), str(result)[:30])",
            ),
        ),
        main="bench_decimal_factorial()\n",
    ),
    Program(
        "fannkuch",
        "bm_fannkuch/run_benchmark.py",
        "prints the maximum number of flips for n = 9",
        main="print(fannkuch(DEFAULT_ARG))\n",
    ),
    Program(
        "float",
        "bm_float/run_benchmark.py",
        "prints the maximized point",
        main="print(benchmark(POINTS))\n",
    ),
    Program(
        "pidigits",
        "bm_pidigits/run_benchmark.py",
        "prints the 2,000 digits",
        drop=("add_cmdline_args",),
        main="print(''.join(map(str, calc_ndigits(DEFAULT_DIGITS))))\n",
    ),
    Program(
        "spectral_norm",
        "bm_spectral_norm/run_benchmark.py",
        "one untimed loop; returns and prints the norm",
        edits=(
            (UNTIMED, ""),
            ("    return pyperf.perf_counter() - t0", "    return (vBv / vv) ** 0.5"),
        ),
        main="print(bench_spectral_norm(1))\n",
    ),
    Program(
        "nqueens",
        "bm_nqueens/run_benchmark.py",
        "returns the solutions for 8 queens instead of discarding them; prints them",
        edits=(("    list(n_queens(queen_count))", "    return list(n_queens(queen_count))"),),
        main="""
        solutions = bench_n_queens(8)
        print(len(solutions), solutions[0], solutions[-1])
        """,
    ),
    Program(
        "comprehensions",
        "bm_comprehensions/run_benchmark.py",
        "timed loop replaced by one tray; prints the sorted widget ids",
        drop=("bench_comprehensions",),
        main="""
        tray = WidgetTray(1, make_some_widgets())
        assert len(tray.sorted_widgets) == 18
        print([widget.widget_id for widget in tray.sorted_widgets])
        """,
    ),
    Program(
        "nbody",
        "bm_nbody/run_benchmark.py",
        "untimed; prints the energy before and after",
        drop=("bench_nbody", "add_cmdline_args"),
        main="""
        offset_momentum(BODIES[DEFAULT_REFERENCE])
        print(report_energy())
        advance(0.01, DEFAULT_ITERATIONS)
        print(report_energy())
        """,
    ),
    Program(
        "meteor_contest",
        "bm_meteor_contest/run_benchmark.py",
        "one untimed solve; prints the number of solutions and the first",
        drop=("bench_meteor_contest", "main"),
        main="""
        board, cti, pieces = get_puzzle(WIDTH, HEIGHT)
        fps = get_footprints(board, cti, pieces)
        se_nh = get_senh(board, cti)
        solutions = []
        solve(SOLVE_ARG, 0, frozenset(range(len(board))), [-1] * len(board),
              list(range(len(pieces))), solutions, fps, se_nh)
        assert solutions == SOLUTIONS
        print(len(solutions), solutions[0])
        """,
    ),
    Program(
        "mdp",
        "bm_mdp/run_benchmark.py",
        "one untimed evaluation with the opponent's HP 30 instead of 59 (6.8 s down to 0.3 s); "
        "prints its value",
        edits=(
            ("fixeddata_t(59, stats_t", "fixeddata_t(30, stats_t"),
            ("halfstate_t(starfixed, 59, 0", "halfstate_t(starfixed, 30, 0"),
        ),
        drop=("bench_mdp",),
        main="print(Battle().evaluate(0.192))\n",
    ),
    Program(
        "richards",
        "bm_richards/run_benchmark.py",
        "one untimed run; prints its verdict and the two counters it checks",
        main="""
        richard = Richards()
        print(richard.run(1), taskWorkArea.holdCount, taskWorkArea.qpktCount)
        """,
    ),
    Program(
        "scimark",
        "bm_scimark/run_benchmark.py",
        "the kernels SOR, Monte Carlo, LU and FFT called once on small sizes (the timed "
        "wrappers and the sparse product, which only timed itself, dropped); prints results",
        drop=(
            "bench_SOR",
            "SparseCompRow_matmult",
            "bench_SparseMatMult",
            "bench_MonteCarlo",
            "bench_LU",
            "bench_FFT",
            "add_cmdline_args",
            "BENCHMARKS",
        ),
        main="""
        grid = Random(7).RandomMatrix(Array2D(24, 24))
        SOR_execute(1.25, grid, 10, Array2D)
        print(sum(grid.data))
        print(MonteCarlo(20000))
        matrix = Random(7).RandomMatrix(ArrayList(30, 30))
        lu = ArrayList(30, 30)
        pivot = array('i', [0]) * 30
        LU(lu, matrix, pivot)
        print(sum(map(sum, lu.data)), list(pivot))
        vector = Random(7).RandomVector(512)
        FFT_transform(512, vector)
        print(sum(vector))
        FFT_inverse(512, vector)
        print(sum(vector))
        """,
    ),
    Program(
        "chaos",
        "bm_chaos/run_benchmark.py",
        "main() without the runner; returns and prints the number of pixels left white",
        edits=(
            (
                "        if filename:\n            write_ppm(im, filename)\n",
                "        if filename:\n            write_ppm(im, filename)\n"
                "        return sum(map(sum, im))\n",
            ),
            ("def main(runner, args):", "def main():"),
            (
                "    runner.metadata['chaos_thickness'] = args.thickness\n"
                "    runner.metadata['chaos_width'] = args.width\n"
                "    runner.metadata['chaos_height'] = args.height\n"
                "    runner.metadata['chaos_iterations'] = args.iterations\n"
                "    runner.metadata['chaos_rng_seed'] = args.rng_seed\n\n",
                "",
            ),
            (
                "    chaos = Chaosgame(splines, args.thickness)",
                "    chaos = Chaosgame(splines, DEFAULT_THICKNESS)",
            ),
            (
                "    runner.bench_func('chaos', chaos.create_image_chaos,\n"
                "                      args.width, args.height, args.iterations,\n"
                "                      args.filename, args.rng_seed)",
                "    return chaos.create_image_chaos(DEFAULT_WIDTH, DEFAULT_HEIGHT,\n"
                "                                    DEFAULT_ITERATIONS, None, DEFAULT_RNG_SEED)",
            ),
        ),
        drop=("add_cmdline_args",),
        main="print(main())\n",
    ),
    Program(
        "raytrace",
        "bm_raytrace/run_benchmark.py",
        "untimed; returns and prints a checksum of the canvas",
        edits=(
            (UNTIMED, ""),
            ("    dt = pyperf.perf_counter() - t0\n", ""),
            ("    return dt", "    return sum(canvas.bytes)"),
        ),
        drop=("add_cmdline_args",),
        main="print(bench_raytrace(1, DEFAULT_WIDTH, DEFAULT_HEIGHT, None))\n",
    ),
    Program(
        "barnes_hut",
        "bm_barnes_hut/run_benchmark.py",
        "20 steps instead of 100, untimed; returns and prints the energy before and after",
        edits=(
            ("DEFAULT_ITERATIONS = 100", "DEFAULT_ITERATIONS = 20"),
            ("    t0 = pyperf.perf_counter()\n    \n", ""),
            ("    return pyperf.perf_counter() - t0", "    return initial_energy, final_energy"),
        ),
        drop=("add_cmdline_args",),
        main="""
        print(bench_quadtree_nbody(1, DEFAULT_PARTICLES, DEFAULT_ITERATIONS, DEFAULT_THETA))
        """,
    ),
    Program(
        "go",
        "bm_go/run_benchmark.py",
        "seeded as shipped; prints the move chosen",
        main="print(versus_cpu())\n",
    ),
    Program(
        "deltablue",
        "bm_deltablue/run_benchmark.py",
        "delta_blue returns and prints the planner's last mark",
        edits=(
            (
                "    chain_test(n)\n    projection_test(n)\n",
                "    chain_test(n)\n    projection_test(n)\n    return planner.current_mark\n",
            ),
        ),
        main="print(delta_blue(100))\n",
    ),
    Program(
        "hexiom",
        "bm_hexiom/run_benchmark.py",
        "untimed; main returns and prints the solved board",
        edits=(
            (UNTIMED, ""),
            ("    dt = pyperf.perf_counter() - t0\n", ""),
            ("    return dt", "    return output"),
        ),
        drop=("add_cmdline_args",),
        main="print(main(1, DEFAULT_LEVEL))\n",
    ),
    Program(
        "unpack_sequence",
        "bm_unpack_sequence/run_benchmark.py",
        "2,000 untimed loops of 400 unpackings; returns and prints a sum of what was unpacked",
        edits=(
            (UNTIMED, ""),
            (
                "    return pyperf.perf_counter() - t0",
                "    return a + b + c + d + e + f + g + h + i + j",
            ),
        ),
        drop=("add_cmdline_args",),
        main="print(bench_all(2000))\n",
    ),
)
