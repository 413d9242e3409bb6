package dev.thestack.services.conformance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One operation of the corpus: {@code corpus/NN-name.graphql} holds the document, and the optional
 * {@code corpus/NN-name.json} the rest of the request: {@code variables}, {@code operationName}, and
 * {@code headers} that replace the defaults (a null value leaves the header out).
 *
 * @param number  NN, which also names the tenants it runs under (gw-NN, java-NN)
 * @param name    NN-name, as the files are named
 * @param headers header overrides: a null value removes the default header
 */
public record CorpusOperation(int number, String name, String query, Map<String, Object> variables,
                              String operationName, Map<String, String> headers) {
    public static final String FOLDER = "corpus";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{2})-[a-z0-9-]+\\.graphql");
    private static final Set<String> REQUEST_KEYS = Set.of("variables", "operationName", "headers");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every operation of the corpus, in file order (which is the order they run in). */
    public static List<CorpusOperation> load() {
        Path folder = folder();
        List<CorpusOperation> operations = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".graphql")) {
                    operations.add(read(file));
                } else if (!fileName.endsWith(".json")) {
                    throw new IllegalStateException(file + " is neither NN-name.graphql nor NN-name.json");
                } else if (!Files.exists(folder.resolve(fileName.replaceFirst("\\.json$", ".graphql")))) {
                    throw new IllegalStateException(file + " belongs to no operation: there is no "
                            + fileName.replaceFirst("\\.json$", ".graphql"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return operations;
    }

    private static CorpusOperation read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalStateException(file + ": corpus files are named NN-lower-case-name.graphql");
        }
        String name = fileName.substring(0, fileName.length() - ".graphql".length());
        Path requestFile = file.resolveSibling(name + ".json");
        Map<String, Object> request = Files.exists(requestFile)
                ? JSON.readValue(requestFile.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { })
                : Map.of();
        if (!REQUEST_KEYS.containsAll(request.keySet())) {
            throw new IllegalStateException(requestFile + " may hold only " + REQUEST_KEYS + ", not " + request.keySet());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) request.get("variables");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) request.getOrDefault("headers", Map.of());
        return new CorpusOperation(Integer.parseInt(matcher.group(1)), name,
                Files.readString(file, StandardCharsets.UTF_8), variables,
                (String) request.get("operationName"), headers);
    }

    private static Path folder() {
        URL url = CorpusOperation.class.getClassLoader().getResource(FOLDER);
        if (url == null) {
            throw new IllegalStateException("no " + FOLDER + "/ folder on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
