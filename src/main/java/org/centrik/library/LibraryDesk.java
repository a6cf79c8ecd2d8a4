package org.centrik.library;

import java.util.List;

import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.security.UserId;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The state of a user's library-desk topic ({@code library.{userId}}): every product they
 * wait on (as author, submitter, assigned expert, admin of its organisation, coordinator)
 * with its reviews and deadlines, and every creative group they lead, belong to, applied
 * for or decide on. Changes upsert a product or a group by its id.
 */
@Component
class LibraryDesk implements SnapshotSource {

	private final DatabaseClient database;

	private final Products products;

	private final CreativeGroups groups;

	private final Access access;

	LibraryDesk(DatabaseClient database, Products products, CreativeGroups groups, Access access) {
		this.database = database;
		this.products = products;
		this.groups = groups;
		this.access = access;
	}

	@Override
	public String kind() {
		return "library";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return this.database.sql("select 1 from users where id = :id")
			.bind("id", topic.key(0))
			.map((row) -> 1)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("user", topic.key(0))))
			.then();
	}

	@Override
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return this.access.libraryDesk(caller, new UserId(topic.key(0)));
	}

	@Override
	public Mono<Desk> snapshot(Topic topic) {
		UserId user = new UserId(topic.key(0));
		return Mono.zip(this.products.desk(user).collectList(), this.groups.desk(user).collectList())
			.map((all) -> new Desk(user.value(), all.getT1(), all.getT2()));
	}

	/**
	 * A user's library desk.
	 *
	 * @param products the products they wait on, newest first, with reviews and deadlines
	 * @param groups the creative groups and applications they wait on, newest first
	 */
	record Desk(long userId, List<Product> products, List<CreativeGroup> groups) {
	}

}
