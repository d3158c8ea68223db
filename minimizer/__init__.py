"""babbletest's golfer: size-reducing libcst transforms kept only when the verifier agrees."""
