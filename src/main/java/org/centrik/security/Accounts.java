package org.centrik.security;

import java.util.List;

import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * What other modules may do with accounts: make sure a user exists with their roles, and
 * make a user the host of an event.
 */
@Service
public class Accounts {

	private final Users users;

	private final DatabaseClient database;

	Accounts(Users users, DatabaseClient database) {
		this.users = users;
		this.database = database;
	}

	/**
	 * The user with this login, created with the password and roles when there is none
	 * (by the system, audited); an existing user is left as it is.
	 * @param teacher the teacher this user is, or {@code null}
	 */
	public Mono<UserId> ensure(String login, String password, String displayName, TeacherId teacher,
			List<Grant> grants) {
		NewUser user = new NewUser(login, password, displayName, teacher, grants, false);
		return this.users.findByLogin(login)
			.switchIfEmpty(Mono.defer(() -> this.users.create(user, Actor.system())
				// another node created it at the same moment
				.onErrorResume(DataIntegrityViolationException.class, (ex) -> this.users.findByLogin(login))))
			.map(User::id);
	}

	/**
	 * Makes the user a host of the event (hosting is a relation to the event, not a
	 * role).
	 */
	public Mono<Void> makeHost(UserId user, long eventId) {
		return this.database
			.sql("insert into event_host_people (event_id, user_id) values (:event, :user) on conflict do nothing")
			.bind("event", eventId)
			.bind("user", user.value())
			.then();
	}

}
