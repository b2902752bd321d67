"""The demo catalog generator on its own: determinism, the size rule, GTINs, prices, stock shares, words."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.backends.demo import catalog, vocab
from kiosk.backends.demo.people import PastItem, generate_customers, loyalty_number
from kiosk.core.scanning.gtin import check_digit, has_valid_check_digit


def test_same_seed_and_size_generate_identical_rows() -> None:
    assert list(catalog.generate_rows(7, 300)) == list(catalog.generate_rows(7, 300))


def test_another_seed_generates_another_catalog() -> None:
    a = [r.name_en for r in catalog.generate_rows(1, 50)]
    b = [r.name_en for r in catalog.generate_rows(2, 50)]
    assert a != b


def test_up_to_2000_the_size_counts_products() -> None:
    rows = list(catalog.generate_rows(42, 2000))
    assert len(rows) == 2000
    assert sum(r.variant_count for r in rows) > 2000


@pytest.mark.parametrize("size", [2001, 5000, 12345])
def test_above_2000_the_size_counts_skus_exactly(size: int) -> None:
    rows = list(catalog.generate_rows(42, size))
    assert sum(r.variant_count for r in rows) == size
    assert rows[-1].variant_count >= 1


def test_product_k_is_the_same_whatever_the_size() -> None:
    small = list(catalog.generate_rows(42, 100))
    large = list(catalog.generate_rows(42, 20_000))
    assert small == large[:100]


def test_variants_are_numbered_without_gaps() -> None:
    rows = list(catalog.generate_rows(42, 500))
    for before, after in itertools.pairwise(rows):
        assert after.first_variant == before.first_variant + before.variant_count


def test_size_outside_the_range_is_refused_with_its_reason() -> None:
    with pytest.raises(ValueError, match="^catalog size must be at least 1, got 0$"):
        list(catalog.generate_rows(42, 0))
    with pytest.raises(ValueError, match=r"^catalog size must be at most 100000000, got 100000001$"):
        list(catalog.generate_rows(42, 100_000_001))


@given(st.integers(min_value=0, max_value=catalog.MAX_VARIANTS - 1))
def test_variant_gtins_are_valid_gtin13_with_leading_zero_and_reversible(g: int) -> None:
    gtin = catalog.variant_gtin(g)
    assert len(gtin) == 14 and gtin[0] == "0" and gtin[1:5] == "8470"
    assert has_valid_check_digit(gtin)
    assert str(check_digit(gtin[1:13])) == gtin[13]
    assert catalog.variant_number(gtin) == g
    assert catalog.variant_number(gtin[1:]) == g


def test_variant_number_refuses_foreign_or_broken_gtins() -> None:
    good = catalog.variant_gtin(1234)
    broken = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert catalog.variant_number(broken) is None
    assert catalog.variant_number("04006381333931") is None  # someone else's product
    assert catalog.variant_number("847000") is None
    assert catalog.variant_number("０８４７０００００１２３４") is None  # full-width digits


def test_product_ids_round_trip_and_reject_lookalikes() -> None:
    assert catalog.product_id(123) == "p0000123"
    assert catalog.product_index("p0000123") == 123
    for bad in ("p123", "x0000123", "p00001234", "p000012a", "p００００１２３"):
        assert catalog.product_index(bad) is None


def test_prices_look_like_shop_prices() -> None:
    rows = list(catalog.generate_rows(42, 2000))
    endings = Counter(r.price_minor % 100 for r in rows)
    assert set(endings) <= {99, 95, 90, 50, 0}
    assert all(r.price_minor >= 99 for r in rows)
    rng = random.Random(3)
    assert catalog.retail_cents(rng, 3.2) in (299, 295, 250)
    assert catalog.retail_cents(rng, 47.3) in (4699, 4695, 4690)


def test_every_category_and_most_item_kinds_occur_in_the_default_catalog() -> None:
    rows = list(catalog.generate_rows(42, 2000))
    assert {r.category_id for r in rows} == {c.id for c in vocab.CATEGORIES}
    assert len({r.item_type for r in rows}) >= len(vocab.ITEM_TYPES) - 3


def test_names_and_descriptions_exist_in_english_and_spanish_and_differ() -> None:
    for row in catalog.generate_rows(42, 300):
        assert row.name_en and row.name_es and row.desc_en and row.desc_es
        assert row.desc_en != row.desc_es
        assert row.desc_en.endswith(".") and row.desc_es.endswith(".")


def test_spanish_adjectives_agree_with_the_noun() -> None:
    jeans = vocab.ITEM_TYPE_BY_CODE["m-jeans"].noun
    skirt = vocab.ITEM_TYPE_BY_CODE["w-skirt"].noun
    assert vocab.ADJECTIVES["slim"].es(jeans) == "entallados"
    assert vocab.ADJECTIVES["classic"].es(skirt) == "clásica"
    assert vocab.ADJECTIVES["relaxed"].es(jeans) == "de corte relajado"
    assert vocab.ADJECTIVES["portable"].es(vocab.ITEM_TYPE_BY_CODE["f-sandals"].noun) == "portátiles"


def test_words_are_shared_across_products_so_search_is_not_trivially_selective() -> None:
    rows = list(catalog.generate_rows(42, 20_000))
    words = Counter(w.lower() for r in rows for w in set(r.name_en.split()))
    most_common = words.most_common(1)[0][1]
    assert most_common > len(rows) * 0.05  # a head word matches thousands of products
    assert sum(1 for n in words.values() if n >= 10) > 100  # and many words are shared


def test_popularity_is_long_tailed() -> None:
    popularity = sorted((r.popularity for r in catalog.generate_rows(42, 2000)), reverse=True)
    assert popularity[0] > 50 * popularity[len(popularity) // 2]


def test_rating_is_the_average_of_the_star_histogram() -> None:
    for row in catalog.generate_rows(42, 300):
        stars = [int(x) for x in row.stars.split(",")]
        assert sum(stars) == row.review_count
        if row.review_count:
            assert row.rating == round(sum((i + 1) * n for i, n in enumerate(stars)) / row.review_count, 1)
        else:
            assert row.rating is None


def test_stock_profiles_put_35_percent_out_here_most_of_them_available_elsewhere() -> None:
    profiles = catalog.stock_profiles(42)
    out_here = [p for p in profiles if p[0] == 0]
    out_everywhere = [p for p in out_here if not any(p)]
    assert len(out_here) == round(len(profiles) * 0.35)
    assert 0 < len(out_everywhere) <= len(out_here) * 0.12
    assert all(q >= 0 for p in profiles for q in p)


def test_reviews_follow_the_histogram_and_come_in_both_languages() -> None:
    reviews = catalog.reviews(42, 7, "1,0,2,3,4", 100)
    assert sorted(r.rating for r in reviews) == [1, 3, 3, 4, 4, 4, 5, 5, 5, 5]
    assert {r.lang for r in reviews} == {"en", "es"}
    assert catalog.reviews(42, 7, "1,0,2,3,4", 3) == reviews[:3]
    assert catalog.reviews(42, 7, "0,0,0,0,0", 5) == []


def test_built_products_carry_decimal_prices_valid_gtins_and_five_stock_levels() -> None:
    factory = catalog.ProductFactory(42)
    products = factory.build_page(list(catalog.generate_rows(42, 200)))
    for product in products:
        assert product.variants and product.image == product.variants[0].image
        for variant in product.variants:
            assert isinstance(variant.price.amount, Decimal) and variant.price.currency == "EUR"
            assert variant.gtin is not None and has_valid_check_digit(variant.gtin)
            assert catalog.variant_number(variant.gtin) is not None
            assert [s.location_id for s in variant.stock] == [d.id for d in vocab.LOCATIONS]
            assert variant.image is not None and variant.image.startswith(f"demo:{product.id}:")
            for key, value in variant.options:
                assert key in ("colour", "size", "format") and value.en and value.es


def test_size_dependent_prices_step_up_with_the_size() -> None:
    factory = catalog.ProductFactory(42)
    row = next(r for r in catalog.generate_rows(42, 2000) if r.item_type == "h-pan")
    product = factory.build(row)
    sizes = [v for v in product.variants if v.option("colour") == product.variants[0].option("colour")]
    amounts = [v.price.amount for v in sizes]
    assert amounts == sorted(amounts) and amounts[0] < amounts[-1]


def test_loyalty_numbers_are_upc_a_in_the_company_internal_range() -> None:
    number = loyalty_number(1234567)
    assert len(number) == 12 and number.startswith("4")
    assert has_valid_check_digit(number)


def test_customers_are_deterministic_with_unique_cards_tokens_and_emails() -> None:
    items = [PastItem(f"Item {i}", f"Artículo {i}", 1000 + i) for i in range(30)]
    first = generate_customers(42, items)
    assert first == generate_customers(42, items)
    assert len(first) == 50
    assert len({c.customer.loyalty_number for c in first}) == 50
    assert len({c.app_token for c in first}) == 50
    assert len({c.customer.email for c in first}) == 50
    assert all(len(c.app_token) == 22 for c in first)
    assert all(has_valid_check_digit(c.customer.loyalty_number) for c in first)
    with pytest.raises(ValueError, match="^customers need at least one product for their order history$"):
        generate_customers(42, [])
