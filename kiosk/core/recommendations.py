"""Personal recommendations computed on the kiosk from the cached catalog: co-purchases, history, popularity.

Nothing here asks the backend, so recommendations keep working offline. The catalog cache holds, per
product, the products most often bought with it (Product.related, strongest first; each backend fills it
from what it knows). `rank` turns a shopper's "seed" products (what they are looking at, have in the cart,
wished for or bought) into an ordered list of other products:

    score(candidate) = sum over seeds s of  seed_weight(s) / (1 + position of candidate in related(s))

where seed_weight is 1 for the first seed and falls as 1 / (1 + i/2) along the list (callers put the
strongest signal first). Ties go to the more popular product, then to the id, so the order is stable.
What the shopper already has (cart, purchases) is excluded; when co-purchases run out, popular products
fill the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from kiosk.core.catalog import SearchHit
from kiosk.core.customer import Customer
from kiosk.core.ports import CatalogStore


def seed_weight(index: int) -> float:
    return 1.0 / (1.0 + index / 2.0)


def rank(
    seeds: Sequence[str],
    related: Mapping[str, Sequence[str]],
    popularity: Mapping[str, int],
    exclude: Collection[str],
    limit: int,
) -> list[str]:
    """Product ids to recommend for `seeds`, best first, at most `limit`, never a seed or an excluded id."""
    if limit < 1:
        return []
    unique_seeds = list(dict.fromkeys(seeds))
    skip = set(exclude) | set(unique_seeds)
    scores: dict[str, float] = {}
    for i, seed in enumerate(unique_seeds):
        weight = seed_weight(i)
        for position, candidate in enumerate(dict.fromkeys(related.get(seed, ()))):
            if candidate in skip:
                continue
            scores[candidate] = scores.get(candidate, 0.0) + weight / (1.0 + position)
    ordered = sorted(scores, key=lambda pid: (-scores[pid], -popularity.get(pid, 0), pid))
    return ordered[:limit]


def shopper_seeds(customer: Customer | None, cart_product_ids: Sequence[str] = ()) -> list[str]:
    """The shopper's signals, strongest first: the cart now, the wishlist, then purchases newest first."""
    seeds = list(cart_product_ids)
    if customer is not None:
        seeds += customer.wishlist
        for order in customer.history:
            seeds += order.product_ids
    return list(dict.fromkeys(seeds))


def bought_ids(customer: Customer | None) -> set[str]:
    if customer is None:
        return set()
    return {pid for order in customer.history for pid in order.product_ids}


class Recommender:
    """What the home screen, the product page and the attract screen show, from the CatalogStore port."""

    def __init__(self, store: CatalogStore) -> None:
        self._store = store

    def for_product(
        self, product_id: str, customer: Customer | None = None, cart_product_ids: Sequence[str] = (), limit: int = 8
    ) -> list[SearchHit]:
        """The product page's "often bought together": this product's co-purchases come first, then those of
        the shopper's cart and history; never padded with unrelated popular products."""
        seeds = [product_id, *shopper_seeds(customer, cart_product_ids)]
        exclude = {product_id, *cart_product_ids, *bought_ids(customer)}
        return list(self._store.recommended_for(seeds, sorted(exclude), limit))

    def for_shopper(
        self, customer: Customer | None, cart_product_ids: Sequence[str] = (), limit: int = 12
    ) -> list[SearchHit]:
        """The home screen's "for you" row; without any signal it is the popular products."""
        seeds = shopper_seeds(customer, cart_product_ids)
        exclude = {*cart_product_ids, *bought_ids(customer)}
        hits = list(self._store.recommended_for(seeds, sorted(exclude), limit)) if seeds else []
        return self._fill(hits, exclude, limit)

    def personal_offers(self, customer: Customer, limit: int = 6) -> list[SearchHit]:
        """The attract screen once a shopper is recognised: wished-for products first, then recommendations."""
        wished: list[SearchHit] = []
        seen: set[str] = set()
        for pid in customer.wishlist:
            hit = self._hit(pid)
            if hit is not None and pid not in seen:
                wished.append(hit)
                seen.add(pid)
        rest = self.for_shopper(customer, (), limit)
        return [*wished, *(h for h in rest if h.product_id not in seen)][:limit]

    def hit(self, product_id: str) -> SearchHit | None:
        """One product as a card (the wishlist shows these), or None if the cache no longer has it."""
        return self._hit(product_id)

    def _hit(self, product_id: str) -> SearchHit | None:
        product = self._store.product(product_id)
        if product is None:
            return None
        in_stock = any(self._store.availability(v).here > 0 for v in product.variants)
        return SearchHit(
            product_id=product.id,
            name=product.name,
            brand=product.brand,
            price=product.from_price,
            image=product.image or (product.variants[0].image if product.variants else None),
            rating=product.rating,
            in_stock_here=in_stock,
        )

    def _fill(self, hits: list[SearchHit], exclude: Collection[str], limit: int) -> list[SearchHit]:
        if len(hits) >= limit:
            return hits[:limit]
        have = {h.product_id for h in hits} | set(exclude)
        for hit in self._store.popular(limit + len(have)):
            if hit.product_id not in have:
                hits.append(hit)
                have.add(hit.product_id)
                if len(hits) >= limit:
                    break
        return hits
