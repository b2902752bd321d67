"""The GraphQL documents the Vendure adapter sends, in one place so the schema it relies on is reviewable.

Custom fields the server must define (see docs/vendure.md and vendure/vendure-config.js):
ProductVariant.gtin, compareAtPrice; Product.relatedProducts, sizeGuide, reviews; Customer.loyaltyNumber,
loyaltyPoints, loyaltyTier, appToken, nfcTag, wishlist, kioskSavedCart; Order.kioskClientOrderId (unique),
kioskHandoffId (unique) and the other kiosk* fields; StockLocation.locationKind, streetLine1, city, postalCode,
countryCode, openingHours; ShippingMethod.daysMin, daysMax. The KioskPlugin (vendure/kiosk-plugin.js) adds the
kiosk* Admin API operations used for events, messages and returns.
"""

from __future__ import annotations

PRODUCT_FIELDS = """
fragment KioskProduct on Product {
  id
  updatedAt
  enabled
  slug
  translations { languageCode name description }
  featuredAsset { preview }
  facetValues { name facet { code } }
  collections { id isPrivate breadcrumbs { id } }
  customFields { relatedProducts { id } }
  variants {
    id
    enabled
    sku
    priceWithTax
    currencyCode
    customFields { gtin }
    featuredAsset { preview }
    options { code translations { languageCode name } group { code } }
    stockLevels { stockLocationId stockOnHand stockAllocated }
  }
}
"""

# a product's review texts and size guide (JSON text custom fields), read when its page opens
PRODUCT_EXTRAS = """
query KioskProductExtras($id: ID!) {
  product(id: $id) { id customFields { sizeGuide reviews } }
}
"""

PRODUCTS_CHANGED = (
    """
query KioskProductsChanged($after: DateTime!, $take: Int!) {
  products(options: { take: $take, sort: { updatedAt: ASC }, filter: { updatedAt: { after: $after } } }) {
    totalItems
    items { ...KioskProduct }
  }
}
"""
    + PRODUCT_FIELDS
)

PRODUCTS_BY_ID = (
    """
query KioskProductsById($ids: [String!]!, $take: Int!) {
  products(options: { take: $take, filter: { id: { in: $ids } } }) {
    items { ...KioskProduct }
  }
}
"""
    + PRODUCT_FIELDS
)

VARIANTS_NOW = """
query KioskVariantsNow($ids: [String!]!, $take: Int!) {
  productVariants(options: { take: $take, filter: { id: { in: $ids } } }) {
    items {
      id enabled priceWithTax currencyCode
      product { enabled }
      stockLevels { stockLocationId stockOnHand stockAllocated }
    }
  }
}
"""

VARIANTS_CHANGED = """
query KioskVariantsChanged($after: DateTime!, $take: Int!) {
  productVariants(options: { take: $take, sort: { updatedAt: ASC }, filter: { updatedAt: { after: $after } } }) {
    totalItems
    items { id updatedAt productId }
  }
}
"""

PRODUCT_IDS = """
query KioskProductIds($skip: Int!, $take: Int!) {
  products(options: { skip: $skip, take: $take, sort: { id: ASC } }) {
    totalItems
    items { id }
  }
}
"""

STOCK_PAGE = """
query KioskStockPage($skip: Int!, $take: Int!) {
  productVariants(options: { skip: $skip, take: $take, sort: { id: ASC } }) {
    totalItems
    items { id productId stockLevels { stockLocationId stockOnHand stockAllocated } }
  }
}
"""

REFERENCE_DATA = """
query KioskReferenceData {
  activeChannel { defaultCurrencyCode }
  collections(options: { take: 1000 }) {
    items { id parentId position isPrivate translations { languageCode name } }
  }
  stockLocations(options: { take: 1000 }) {
    items {
      id
      name
      customFields { locationKind streetLine1 city postalCode countryCode openingHours }
    }
  }
}
"""

CHANNEL = """
query KioskChannel {
  activeChannel { id defaultCurrencyCode }
}
"""


CUSTOMERS = """
query KioskCustomers($filter: CustomerFilterParameter!, $take: Int!) {
  customers(options: { take: $take, filter: $filter }) {
    items {
      id
      firstName
      lastName
      emailAddress
      phoneNumber
      customFields { loyaltyNumber loyaltyPoints loyaltyTier appToken nfcTag wishlist kioskSavedCart }
      groups { id }
      addresses {
        fullName streetLine1 streetLine2 city postalCode phoneNumber defaultShippingAddress
        country { code }
      }
      orders(options: { take: 10, sort: { createdAt: DESC }, filter: { state: { notEq: "Draft" } } }) {
        items { ...KioskPastOrder }
      }
    }
  }
}

fragment KioskPastOrder on Order {
  code state orderPlacedAt createdAt totalWithTax currencyCode
  lines { quantity unitPriceWithTax productVariant { id sku name productId } }
}
"""

PAST_ORDER_FIELDS = """
fragment KioskPastOrder on Order {
  code state orderPlacedAt createdAt totalWithTax currencyCode
  lines { quantity unitPriceWithTax productVariant { id sku name productId } }
}
"""

CUSTOMER_ORDERS = (
    """
query KioskCustomerOrders($id: ID!, $take: Int!) {
  customer(id: $id) {
    id
    orders(options: { take: $take, sort: { createdAt: DESC }, filter: { state: { notEq: "Draft" } } }) {
      items { ...KioskPastOrder }
    }
  }
}
"""
    + PAST_ORDER_FIELDS
)

ORDER_BY_CODE = """
query KioskOrderByCode($code: String!) {
  orders(options: { take: 2, filter: { code: { eq: $code } } }) {
    items {
      id code state orderPlacedAt
      customer { id }
      lines { quantity productVariant { id } }
    }
  }
  kioskReturns(orderCode: $code) { id lines }
}
"""

HANDOFF_CART = """
query KioskHandoffCart($handoffId: String!) {
  orders(options: { take: 2, filter: { kioskHandoffId: { eq: $handoffId } } }) {
    items { id state customer { id } lines { id quantity productVariant { id sku } } }
  }
}
"""

CLAIM_HANDOFF = """
mutation KioskClaimHandoff($orderId: ID!, $input: UpdateOrderInput!) {
  setDraftOrderCustomFields(orderId: $orderId, input: $input) { id }
}
"""

CUSTOMER_EXISTS = """
query KioskCustomerExists($id: ID!) {
  customer(id: $id) { id }
}
"""

SAVE_CUSTOMER_CART = """
mutation KioskSaveCart($input: UpdateCustomerInput!) {
  updateCustomer(input: $input) {
    ... on Customer { id }
    ... on ErrorResult { errorCode message }
  }
}
"""

SEND_MESSAGE = """
mutation KioskSendMessage($customerId: ID!, $kind: String!, $body: String!) {
  sendKioskMessage(customerId: $customerId, kind: $kind, body: $body)
}
"""

RECORD_RETURN = """
mutation KioskRecordReturn($orderCode: String!, $lines: [KioskReturnLineInput!]!, $reason: String!) {
  recordKioskReturn(orderCode: $orderCode, lines: $lines, reason: $reason) { id orderCode lines reason }
}
"""

SUBMIT_EVENTS = """
mutation KioskSubmitEvents($events: [KioskEventInput!]!) {
  submitKioskEvents(events: $events)
}
"""


SHIPPING_QUOTES = """
query KioskShippingQuotes($country: String!) {
  testEligibleShippingMethods(input: { shippingAddress: { countryCode: $country, streetLine1: "-" }, lines: [] }) {
    id code priceWithTax
  }
  shippingMethods(options: { take: 100 }) {
    items { id translations { languageCode name } customFields { daysMin daysMax } }
  }
}
"""

ORDER_FIELDS = """
fragment KioskOrder on Order {
  id
  code
  state
  totalWithTax
  currencyCode
  active
  customer { id }
  shippingLines { shippingMethod { id code } }
  lines { id quantity productVariant { id } }
}
"""

ORDER_BY_CLIENT_ID = (
    """
query KioskOrderByClientId($clientOrderId: String!) {
  orders(options: { take: 2, filter: { kioskClientOrderId: { eq: $clientOrderId } } }) {
    items { ...KioskOrder }
  }
}
"""
    + ORDER_FIELDS
)

ORDER_TRACKING = """
query KioskOrderTracking($clientOrderId: String!) {
  orders(options: { take: 2, filter: { kioskClientOrderId: { eq: $clientOrderId } } }) {
    items {
      code state updatedAt totalWithTax currencyCode
      customFields { kioskOrderNumber kioskFulfilment kioskPayment kioskPickupLocationId }
      fulfillments { state method trackingCode }
      payments { state createdAt }
      lines { quantity }
    }
  }
}
"""

RECALLS = """
query KioskRecalls {
  kioskRecalls { reference gtin lot serial }
}
"""

PICKUP_ARRIVALS = """
query KioskPickupArrivals($locationId: ID!) {
  kioskPickupArrivals(locationId: $locationId) {
    clientOrderId orderNumber arrivedAt state fulfilment hasFulfilment itemCount
  }
}
"""

ASSISTANCE_CALLS = """
query KioskAssistanceCalls($storeId: String!, $since: String!) {
  kioskAssistanceCalls(storeId: $storeId, since: $since) { callId deviceId page at }
}
"""

CREATE_DRAFT_ORDER = """
mutation KioskCreateDraftOrder {
  createDraftOrder { id }
}
"""


ADD_ITEM = """
mutation KioskAddItem($orderId: ID!, $variantId: ID!, $quantity: Int!) {
  addItemToDraftOrder(orderId: $orderId, input: { productVariantId: $variantId, quantity: $quantity }) {
    ... on Order { id lines { id quantity productVariant { id } } }
    ... on ErrorResult { errorCode message }
  }
}
"""


SET_CUSTOMER_BY_ID = """
mutation KioskSetCustomerById($orderId: ID!, $customerId: ID!) {
  setCustomerForDraftOrder(orderId: $orderId, customerId: $customerId) {
    ... on Order { id customer { id } }
    ... on ErrorResult { errorCode message }
  }
}
"""


SHOP_SEARCH = """
query KioskSearch($term: String!, $take: Int!) {
  search(input: { term: $term, take: $take, groupByProduct: true }) {
    items { productId }
  }
}
"""

# --- KioskPlugin 2.x: bulk export, change journal, version ------------------------------------------------
HEALTH = """
query KioskHealth {
  activeChannel { id defaultCurrencyCode }
  kioskPluginInfo { version }
}
"""

PLACE_ORDER = """
mutation KioskPlaceOrder($input: KioskOrderInput!) {
  kioskPlaceOrder(input: $input) {
    id code state clientOrderId currencyCode total pointsEarned created
    coupons { code applied problem at }
    points { requested redeemed discount problem balance minimum most }
    shortLines { variantId ordered placed }
  }
}
"""

PLUGIN_INFO = """
query KioskPluginInfo {
  kioskPluginInfo { version journalFormat journal journalRetentionHours maxExportLimit maxChangesLimit }
}
"""

CATALOG_EXPORT = """
query KioskCatalogExport($after: String, $limit: Int!, $withDeleted: Boolean!, $upTo: String) {
  kioskCatalogExport(after: $after, limit: $limit, withDeleted: $withDeleted, upTo: $upTo) {
    cursor products nextAfter deletedIds
  }
}
"""

CATALOG_EXPORT_PLAN = """
query KioskCatalogExportPlan($limit: Int!) { kioskCatalogExportPlan(limit: $limit) { cursor starts } }
"""

_CHANGES_FIELDS = "nextCursor hasMore resync resyncReason products deletedProductIds categoriesChanged locationsChanged"


def catalog_changes(*, recalls: bool, promotions_flag: bool) -> str:
    """One journal poll. The recall list rides along (issue 15: a quiet refresh pass is one request, and the
    pass refreshes the recalls too; a store has a handful in force, a few dozen bytes each), and so does
    `promotionsChanged`, so the promotions are read again only when the journal says they changed. A
    KioskPlugin before 2.1 has no recalls, one before 2.4 no promotionsChanged: the adapter drops what the
    server does not know."""
    fields = _CHANGES_FIELDS + (" promotionsChanged" if promotions_flag else "")
    extra = "\n  kioskRecalls { reference gtin lot serial }" if recalls else ""
    return (
        "query KioskChanges($since: String!, $limit: Int!) {\n"
        f"  kioskChanges(since: $since, limit: $limit) {{\n    {fields}\n  }}{extra}\n}}\n"
    )


# --- loyalty at the kiosk (KioskPlugin loyalty.ts) ----------------------------------------------------------
ENROL_LOYALTY = """
mutation KioskEnrol($input: KioskEnrolInput!) {
  kioskEnrolLoyalty(input: $input) { outcome customerId loyaltyNumber }
}
"""

SET_WISHLISTED = """
mutation KioskWishlist($customerId: ID!, $productId: ID!, $wished: Boolean!) {
  kioskSetWishlisted(customerId: $customerId, productId: $productId, wished: $wished)
}
"""

LOYALTY_CONSENTS = """
query KioskConsents($customerId: ID!) {
  kioskLoyaltyConsents(customerId: $customerId) {
    contactKind consentVersion consentText language storeId deviceId givenAt
  }
}
"""
