"""Writes the .npy/.npz fixtures NpyInteropTests reads, with NumPy's own writers.

Run from this folder with /usr/bin/python3 (NumPy 1.24 made the committed files):
    /usr/bin/python3 make_npy_fixtures.py
Every array is 2 x 3 with the values NpyFixtureValues.cs lists for its dtype, so the tests can check them.
"""
import io
import pickle
import zipfile

import numpy as np
from numpy.lib import format as npformat

VALUES = {
    "bool": [True, False, True, True, False, False],
    "int8": [-128, -1, 0, 1, 127, 42],
    "uint8": [0, 1, 127, 128, 255, 42],
    "int16": [-32768, -1, 0, 1, 32767, 1234],
    "uint16": [0, 1, 32767, 32768, 65535, 1234],
    "int32": [-2**31, -1, 0, 1, 2**31 - 1, 123456],
    "uint32": [0, 1, 2**31 - 1, 2**31, 2**32 - 1, 123456],
    "int64": [-2**63, -1, 0, 1, 2**63 - 1, 1234567890123],
    "uint64": [0, 1, 2**63 - 1, 2**63, 2**64 - 1, 1234567890123],
    "float16": [0.0, -0.0, 1.5, -65504.0, float("inf"), float("nan")],
    "float32": [0.0, -0.0, 1.0 / 3, 1e-45, float("-inf"), float("nan")],
    "float64": [0.0, -0.0, 1.0 / 3, 5e-324, float("inf"), float("nan")],
    "complex64": [0j, complex(-0.0, 1.5), complex(float("inf"), float("-inf")), complex(float("nan"), 0), 1e-45 + 1j, -2.5 - 3.25j],
    "complex128": [0j, complex(-0.0, 1.5), complex(float("inf"), float("-inf")), complex(float("nan"), 0), 5e-324 + 1j, -2.5 - 3.25j],
}

# NaNs with payloads, written bit for bit into the last element of the float32 and float64 fixtures.
NAN32_BITS = 0x7FC00123
NAN64_BITS = 0x7FF8000000000123
# bfloat16 as bits: 0, -0, 1.5, inf, a NaN with a payload, -5.
BF16_BITS = [0x0000, 0x8000, 0x3FC0, 0x7F80, 0x7FC1, 0xC0A0]


def array(name):
    a = np.array(VALUES[name], dtype=name).reshape(2, 3)
    if name == "float32":
        a.reshape(-1).view(np.uint32)[5] = NAN32_BITS
    if name == "float64":
        a.reshape(-1).view(np.uint64)[5] = NAN64_BITS
    return a


def save_with_header(path, descr, data, shape, fortran=False):
    """A .npy whose descr NumPy cannot make itself (ml_dtypes' '<V2'), written with NumPy's header writer."""
    with open(path, "wb") as f:
        npformat.write_array_header_1_0(f, {"descr": descr, "fortran_order": fortran, "shape": shape})
        f.write(data)


def main():
    for name in VALUES:
        a = array(name)
        np.save(f"{name}_le.npy", a)
        if a.dtype.itemsize > 1:
            np.save(f"{name}_be.npy", a.astype(a.dtype.newbyteorder(">")))
    # Fortran order: the float64 values in column-major storage, and a 3-d big-endian int16 arange.
    np.save("float64_fortran.npy", np.asfortranarray(array("float64")))
    np.save("int16_fortran_be.npy", np.asfortranarray(np.arange(24, dtype=">i2").reshape(2, 3, 4)))
    np.save("scalar_float32.npy", np.float32(2.5))
    np.save("scalar_bool.npy", np.bool_(True))
    np.save("empty_float32.npy", np.zeros((0, 3), np.float32))
    np.save("empty_int8_fortran.npy", np.asfortranarray(np.zeros((2, 0), np.int8)))
    with open("version2_int32.npy", "wb") as f:
        npformat.write_array(f, array("int32"), version=(2, 0))
    with open("version3_float32.npy", "wb") as f:
        npformat.write_array(f, array("float32"), version=(3, 0))
    bits = np.array(BF16_BITS, dtype="<u2").reshape(2, 3)
    save_with_header("bfloat16_mldtypes.npy", "<V2", bits.tobytes(), (2, 3))
    np.save("bfloat16_void2.npy", bits.view("V2"))
    np.savez("stored.npz", weights=array("float32"), counts=array("int32"), flags=array("bool"))
    np.savez_compressed("compressed.npz", weights=array("float32"), counts=array("int32"), flags=array("bool"))
    np.savez("positional.npz", array("uint8"), array("float16"))
    with zipfile.ZipFile("not_only_arrays.npz", "w") as z:
        buf = io.BytesIO()
        np.save(buf, array("int8"))
        z.writestr("x.npy", buf.getvalue())
        z.writestr("notes.txt", b"not an array")
    # What JaxNet refuses.
    np.save("object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)
    np.save("structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
    np.save("unicode.npy", np.array(["abc", "de"]))
    np.save("bytes.npy", np.array([b"abc", b"de"]))
    np.save("datetime.npy", np.array(["2026-11-29"], dtype="datetime64[D]"))
    np.save("longdouble.npy", np.zeros(2, dtype=np.longdouble))
    with open("pickled.pkl", "wb") as f:
        pickle.dump([1.0, 2.0], f, protocol=2)
    whole = io.BytesIO()
    np.save(whole, array("float32"))
    with open("truncated_float32.npy", "wb") as f:
        f.write(whole.getvalue()[:-4])
    with open("overlong_float32.npy", "wb") as f:
        f.write(whole.getvalue() + b"\0\0\0\0")


if __name__ == "__main__":
    main()
