package org.centrik;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	private static final Path DOCS = Path.of("docs/modules");

	private static final Path GENERATED = Path.of("target/modules");

	private final ApplicationModules modules = ApplicationModules.of(CentrikApplication.class);

	@Test
	void modulesOnlyDependOnWhatTheyDeclare() {
		this.modules.verify();
	}

	/**
	 * Writes the module diagrams and canvases into docs/modules. The documenter lists a
	 * diagram's lines in a different order from run to run, so a file there is replaced
	 * only when its lines changed, not merely their order: the docs stay true without
	 * churning on every build.
	 */
	@Test
	void writesModuleDocumentation() throws IOException {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		Files.createDirectories(DOCS);
		try (Stream<Path> generated = Files.list(GENERATED)) {
			for (Path file : generated.toList()) {
				Path documented = DOCS.resolve(file.getFileName());
				if (!Files.exists(documented) || !sortedLines(documented).equals(sortedLines(file))) {
					Files.copy(file, documented, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		assertThat(DOCS.resolve("components.puml")).exists();
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().map(String::strip).sorted().toList();
	}

}
