package org.centrik.support;

import java.nio.file.Path;
import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas of frontend-protocol/schemas, by file name, validating strictly
 * (formats asserted), for tests that check what the server sends.
 */
public final class ProtocolSchemas {

	private static final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
					Path.of("frontend-protocol", "schemas").toAbsolutePath().toUri().toString())));

	private static final SchemaValidatorsConfig strict = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	private ProtocolSchemas() {
	}

	/** The schema of a file, e.g. {@code year-end-outcome.json}. */
	public static JsonSchema schema(String file) {
		return schemas.getSchema(SchemaLocation.of("https://centrik.org/protocol/schemas/" + file), strict);
	}

	/** Asserts that the JSON validates against the schema of the file. */
	public static void assertValid(String file, String json) {
		Set<ValidationMessage> errors = schema(file).validate(json, InputFormat.JSON);
		assertThat(errors).as("%s: %s", file, json).isEmpty();
	}

}
