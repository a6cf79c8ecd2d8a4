package org.centrik.shared.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the PostgreSQL database is, parsed from one of the forms people paste:
 * {@code postgresql://user:secret@host:5432/centrik}, {@code postgres://…},
 * {@code jdbc:postgresql://host/centrik?user=…&password=…} or
 * {@code r2dbc:postgresql://…}.
 */
record DatabaseUrl(String host, int port, String database, String username, String password, String options) {

	static DatabaseUrl parse(String text) {
		String url = text.strip();
		for (String prefix : List.of("jdbc:", "r2dbc:")) {
			if (url.startsWith(prefix)) {
				url = url.substring(prefix.length());
			}
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a PostgreSQL URL: " + ex.getMessage());
		}
		if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					"expected postgresql://host:port/database, got scheme " + uri.getScheme());
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("no host in " + redact(text));
		}
		String database = (uri.getPath() == null || uri.getPath().length() <= 1) ? "postgres"
				: uri.getPath().substring(1);
		String username = null;
		String password = null;
		if (uri.getRawUserInfo() != null) {
			String[] userInfo = uri.getRawUserInfo().split(":", 2);
			username = decode(userInfo[0]);
			password = (userInfo.length > 1) ? decode(userInfo[1]) : null;
		}
		List<String> options = new ArrayList<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] kv = pair.split("=", 2);
				String value = (kv.length > 1) ? decode(kv[1]) : "";
				switch (kv[0]) {
					case "user" -> username = value;
					case "password" -> password = value;
					default -> options.add(pair);
				}
			}
		}
		return new DatabaseUrl(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, database, username, password,
				String.join("&", options));
	}

	DatabaseUrl withCredentials(String username, String password) {
		return new DatabaseUrl(this.host, this.port, this.database,
				(username != null && !username.isEmpty()) ? username : this.username,
				(password != null && !password.isEmpty()) ? password : this.password, this.options);
	}

	String jdbc() {
		return "jdbc:postgresql://" + hostAndPath() + query();
	}

	String r2dbc() {
		return "r2dbc:postgresql://" + hostAndPath() + query();
	}

	/** The address without credentials, fit for a log line. */
	String display() {
		return "postgresql://" + hostAndPath();
	}

	private String hostAndPath() {
		return this.host + ":" + this.port + "/" + this.database;
	}

	private String query() {
		return this.options.isEmpty() ? "" : "?" + this.options;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String redact(String text) {
		return text.replaceAll("//[^@/]*@", "//***@");
	}

}
