package org.centrik.demo;

import reactor.core.publisher.Mono;

/**
 * Tells the live core that the demo opened a live event, in the transaction that opened
 * it.
 */
@FunctionalInterface
interface LiveEventAnnouncer {

	Mono<Void> opened(long eventId);

}
