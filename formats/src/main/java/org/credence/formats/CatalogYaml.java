package org.credence.formats;

import java.util.List;
import org.credence.catalog.CatalogReader;
import org.credence.tree.Problem;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads catalog YAML. The YAML 1.2 core schema keeps {@code P3Y} and dates as text, and duplicate
 * keys are an error rather than last-one-wins, so what an author wrote is what gets validated.
 */
public final class CatalogYaml {

    private CatalogYaml() {
    }

    public static CatalogReader.Result read(String yaml) {
        Object tree;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setAllowDuplicateKeys(false)
                    .setLabel("catalog")
                    .setCodePointLimit(8 * 1024 * 1024)
                    .build();
            tree = new Load(settings).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                    .orElse("");
            return new CatalogReader.Invalid(List.of(new Problem(where, "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            return new CatalogReader.Invalid(List.of(new Problem("", "not valid YAML: " + e.getMessage())));
        }
        return CatalogReader.read(tree);
    }
}
