package org.centrik.cluster;

import org.springframework.r2dbc.core.DatabaseClient;

/** What PostgreSQL holds about an event's check-ins, printed when a fault test fails. */
final class Evidence {

	private Evidence() {
	}

	static void print(DatabaseClient database, long event) {
		database.sql("""
				select p.id, p.teacher_id, p.client_id, p.recorded_by, p.recorded_at, p.xmin::text as tx,
				       (select string_agg(c.id || '/' || coalesce(c.seq::text, '-') || '/' || c.topic || '/' || c.type
				                          || '/' || c.xmin::text, ', ')
				        from change_log c where c.payload ->> 'participationId' = p.id::text) as changes
				from participations p where p.event_id = :event order by p.id
				""")
			.bind("event", event)
			.map((row) -> "participation " + row.get("id") + " teacher " + row.get("teacher_id") + " client "
					+ row.get("client_id") + " by " + row.get("recorded_by") + " at " + row.get("recorded_at") + " tx "
					+ row.get("tx") + " → changes " + row.get("changes"))
			.all()
			.doOnNext(System.out::println)
			.blockLast();
	}

}
