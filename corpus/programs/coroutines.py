"""
Benchmark for recursive coroutines.

Author: Kumar Aditya
"""


async def fibonacci(n: int) -> int:
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


if __name__ == "__main__":
    coro = fibonacci(25)
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        print(stop.value)
