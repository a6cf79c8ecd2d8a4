package org.centrik.shared.database;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where the database is before any bean needs it. A configured URL always wins
 * ({@code spring.r2dbc.url} as is, or {@code CENTRIK_DATABASE_URL} in any common form);
 * with none, an embedded PostgreSQL is started, except for the root user, whom PostgreSQL
 * refuses.
 */
public class DatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

	static final String MODE = "centrik.database.mode";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.containsProperty("spring.r2dbc.url")) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("centrik-database", Map.of(MODE, DatabaseMode.EXTERNAL.name())));
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		String configured = environment.getProperty("centrik.database.url");
		DatabaseUrl url;
		if (StringUtils.hasText(configured)) {
			url = DatabaseUrl.parse(configured)
				.withCredentials(environment.getProperty("centrik.database.username"),
						environment.getProperty("centrik.database.password"));
			properties.put(MODE, DatabaseMode.EXTERNAL.name());
		}
		else {
			if (CurrentUser.isRoot()) {
				throw new EmbeddedDatabaseAsRootException();
			}
			Path dataDirectory = Path.of(environment.getProperty("centrik.data-dir",
					Path.of(System.getProperty("user.home"), ".centrik").toString()), "postgres");
			EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory,
					environment.getProperty("centrik.database.embedded-port", Integer.class, 0));
			context.getBeanFactory().registerSingleton("embeddedDatabase", database);
			context.addApplicationListener((ContextClosedEvent event) -> database.close());
			Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
			url = database.url();
			properties.put(MODE, DatabaseMode.EMBEDDED.name());
			properties.put("centrik.database.data-dir", dataDirectory.toString());
			properties.putIfAbsent("centrik.demo.enabled", environment.getProperty("centrik.demo.enabled", "true"));
		}
		properties.put("centrik.database.display-url", url.display());
		properties.put("spring.r2dbc.url", url.r2dbc());
		properties.put("spring.flyway.url", url.jdbc());
		if (url.username() != null) {
			properties.put("spring.r2dbc.username", url.username());
			properties.put("spring.flyway.user", url.username());
		}
		if (url.password() != null) {
			properties.put("spring.r2dbc.password", url.password());
			properties.put("spring.flyway.password", url.password());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("centrik-database", properties));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
