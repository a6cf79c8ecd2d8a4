package org.centrik.live;

import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

/**
 * The current state of one kind of topic, provided by the module that owns that state.
 * The live core calls it inside a read-only repeatable-read transaction, so that the
 * state and the log position it is valid at come from one database snapshot.
 */
public interface SnapshotSource {

	/** The kind of topic served, e.g. {@code attendance}; see {@link Topic#kind()}. */
	String kind();

	/**
	 * Fails with {@link org.centrik.shared.NotFoundException} when the topic names
	 * something that does not exist.
	 */
	Mono<Void> verify(Topic topic);

	/**
	 * Fails with {@link org.centrik.shared.ForbiddenException} when the caller may not
	 * watch the topic (the rules of {@link org.centrik.security.Access}), or
	 * {@link org.centrik.shared.NotFoundException} when it names nothing.
	 */
	Mono<Void> authorize(Topic topic, Caller caller);

	/** The state of the topic, as the data of a snapshot message. */
	Mono<?> snapshot(Topic topic);

}
