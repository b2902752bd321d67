"""GTIN arithmetic: check digits, UPC-E expansion and normalising every length to 14 digits."""

from __future__ import annotations


def check_digit(payload: str) -> int:
    """GS1 mod-10 over the digits before the check digit, weights 3,1,3,... from the right."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        total += (ord(ch) - 48) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²' and Arabic-Indic digits, which no scanner sends."""
    return bool(text) and text.isascii() and text.isdigit()


def has_valid_check_digit(digits: str) -> bool:
    return check_digit(digits[:-1]) == ord(digits[-1]) - 48


def to_gtin14(digits: str) -> str:
    return digits.zfill(14)


def expand_upc_e(digits: str) -> str | None:
    """UPC-E (6, 7 or 8 digits) to its 12-digit UPC-A; None if it cannot be UPC-E.

    6 digits lack the number system (0 assumed) and the check digit; 7 lack the check digit; 8 are complete
    and their check digit is the UPC-A's, which the caller verifies on the expansion.
    """
    if len(digits) == 6:
        ns, body, check = "0", digits, None
    elif len(digits) in (7, 8):
        ns, body = digits[0], digits[1:7]
        check = digits[7] if len(digits) == 8 else None
    else:
        return None
    if ns not in "01":
        return None
    d1, d2, d3, d4, d5, d6 = tuple(body)
    if d6 in "012":
        core = f"{d1}{d2}{d6}0000{d3}{d4}{d5}"
    elif d6 == "3":
        core = f"{d1}{d2}{d3}00000{d4}{d5}"
    elif d6 == "4":
        core = f"{d1}{d2}{d3}{d4}00000{d5}"
    else:
        core = f"{d1}{d2}{d3}{d4}{d5}0000{d6}"
    payload = ns + core
    return payload + (check if check is not None else str(check_digit(payload)))


def printed_digits(gtin14: str) -> str:
    """The digits as printed under the bars: GTIN-8, UPC-A (12) or EAN-13 / GTIN-14 as they come."""
    if gtin14.startswith("000000"):
        return gtin14[6:]
    if gtin14.startswith("00"):
        return gtin14[2:]
    if gtin14.startswith("0"):
        return gtin14[1:]
    return gtin14
