"""Keeps an NVIDIA GPU busy with float16 matrix multiplies for a number of seconds.

Used by scripts/validation/run.sh to put the GPU under load from a process other than the metered
JVM. Usage: python3 gpu_load.py SECONDS [MATRIX_SIZE]
"""
import sys
import time

import torch


def main() -> None:
    seconds = float(sys.argv[1])
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 8192
    a = torch.randn(size, size, device="cuda", dtype=torch.float16)
    b = torch.randn(size, size, device="cuda", dtype=torch.float16)
    end = time.time() + seconds
    n = 0
    while time.time() < end:
        torch.mm(a, b)
        n += 1
        if n % 50 == 0:
            torch.cuda.synchronize()
    torch.cuda.synchronize()
    print(f"gpu_load: {n} matmuls of {size}x{size} in {seconds:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
