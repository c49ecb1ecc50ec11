package org.carebank.query.webhook;

/**
 * What one event tells subscribers: the contract's event type, the provider whose data it is (a provider's
 * subscription receives only its own), the key deliveries are kept in order by (the visit), and the data sent.
 */
record Notification(String type, String providerId, String orderingKey, Object data) {}
