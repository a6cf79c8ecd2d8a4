package org.centrik.live;

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

	/** The state of the topic, as the data of a snapshot message. */
	Mono<?> snapshot(Topic topic);

}
