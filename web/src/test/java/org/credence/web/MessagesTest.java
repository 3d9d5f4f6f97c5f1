package org.credence.web;

import org.credence.state.Publication;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages say everything: the same keys, each one the pages ask for, and no pattern that fails. */
class MessagesTest {

    /** Keys the templates and handlers name literally, as in {@code t("me.title")}. */
    private static final Pattern LITERAL = Pattern.compile("\\bt\\(\"([a-z_]+(?:\\.[a-z_]+)+)\"");

    @Test
    void everyLanguageHasTheSameKeys() {
        assertThat(Messages.of(Language.ZH_CN).bundle().keySet()).isEqualTo(Messages.of(Language.EN).bundle().keySet());
    }

    @Test
    void everyKeyThePagesNameExistsInEveryLanguage() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path root : new Path[] {Path.of("src/main/jte"), Path.of("src/main/java")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = LITERAL.matcher(Files.readString(file));
                    while (m.find()) {
                        named.add(m.group(1));
                    }
                }
            }
        }
        assertThat(named).hasSizeGreaterThan(100);
        for (Language language : Language.values()) {
            assertThat(Messages.of(language).bundle().keySet()).as(language.tag).containsAll(named);
        }
    }

    @Test
    void everyMessageFormatsInEveryLanguage() {
        for (Language language : Language.values()) {
            Messages messages = Messages.of(language);
            for (String key : messages.bundle().keySet()) {
                assertThat(messages.get(key, 1, 2, 3, 4, 5)).as(language.tag + " " + key).doesNotContain("??");
            }
        }
        assertThat(Messages.of(Language.EN).get("organizations.lead")).contains("organization's");
        assertThat(Messages.of(Language.EN).get("period.years", 1)).isEqualTo("1 year");
        assertThat(Messages.of(Language.ZH_CN).get("period.years", 3)).isEqualTo("3年");
    }

    @Test
    void languagesAreChosenByTagOrByTheBrowsersPreference() {
        assertThat(Language.ofTag("zh-CN")).contains(Language.ZH_CN);
        assertThat(Language.ofTag("zh-Hans-CN")).contains(Language.ZH_CN);
        assertThat(Language.ofTag("en")).contains(Language.EN);
        assertThat(Language.ofTag("fr")).isEmpty();
    }

    @Test
    void aPersonsIdIsPublishedMaskedAsTheApiMasksIt() {
        assertThat(Publication.mask("11010519491231002X")).isEqualTo("110105********002X");
    }
}
