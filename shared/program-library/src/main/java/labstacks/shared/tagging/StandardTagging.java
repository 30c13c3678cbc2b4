package labstacks.shared.tagging;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceTransformation;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one stack transformation that gives every taggable AWS resource the standard tags and every
 * Kubernetes object the standard labels, so no resource has to ask for them.
 *
 * <p>Tags a resource sets itself win over the standard ones with the same key, except the four
 * standard keys. Imported resources are left alone: the project did not create them and must not
 * change them (a tag diff on an adopted bucket would be an update).
 */
public final class StandardTagging implements ResourceTransformation {

    /** Keys a resource cannot override: audits and cost reports rely on them. */
    private static final List<String> FIXED_TAGS =
            List.of("project", "stack", "managed-by", "environment");

    private static final List<String> FIXED_LABELS = List.of("app.kubernetes.io/managed-by");

    private final Map<String, String> awsTags;
    private final Map<String, String> kubernetesLabels;

    /** importedField per Args class and name: the reflection walk ran once per resource otherwise. */
    private final Map<Class<?>, Map<String, Optional<Field>>> fields = new ConcurrentHashMap<>();

    public StandardTagging(StandardTags tags) {
        this.awsTags = tags.awsTags();
        this.kubernetesLabels = tags.kubernetesLabels();
    }

    @Override
    public Optional<Result> apply(Args args) {
        if (args.options() instanceof CustomResourceOptions custom
                && custom.getImportId().isPresent()) {
            return Optional.empty();
        }
        var type = args.resource().pulumiResourceType();
        if (type.startsWith("aws:")) {
            return tagAws(args);
        }
        if (type.startsWith("kubernetes:")) {
            return labelKubernetes(args);
        }
        return Optional.empty();
    }

    private Optional<Result> tagAws(Args args) {
        var field = importedField(args.args(), "tags");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        Output<Map<String, String>> own = read(field.get(), args.args());
        Output<Map<String, String>> merged =
                own == null
                        ? Output.of(awsTags)
                        : own.applyValue(tags -> merge(awsTags, tags, FIXED_TAGS));
        write(field.get(), args.args(), merged);
        return Optional.of(new Result(args.args(), args.options()));
    }

    private Optional<Result> labelKubernetes(Args args) {
        var field = importedField(args.args(), "metadata");
        if (field.isEmpty()
                || field.get().getGenericType().getTypeName().indexOf("ObjectMetaArgs") < 0) {
            return Optional.empty();
        }
        Output<ObjectMetaArgs> own = read(field.get(), args.args());
        Output<ObjectMetaArgs> labelled =
                own == null
                        ? Output.of(ObjectMetaArgs.builder().labels(kubernetesLabels).build())
                        : own.applyValue(
                                meta ->
                                        ObjectMetaArgs.builder(meta)
                                                .labels(
                                                        meta.labels()
                                                                .map(
                                                                        labels ->
                                                                                labels.applyValue(
                                                                                        l ->
                                                                                                merge(
                                                                                                        kubernetesLabels,
                                                                                                        l,
                                                                                                        FIXED_LABELS)))
                                                                .orElse(
                                                                        Output.of(
                                                                                kubernetesLabels)))
                                                .build());
        write(field.get(), args.args(), labelled);
        return Optional.of(new Result(args.args(), args.options()));
    }

    /** Standard values, overridden by the resource's own, except {@code fixed} keys. */
    private static Map<String, String> merge(
            Map<String, String> standard, Map<String, String> own, List<String> fixed) {
        var merged = new TreeMap<>(standard);
        if (own != null) {
            own.forEach(
                    (k, v) -> {
                        if (!fixed.contains(k)) {
                            merged.put(k, v);
                        }
                    });
        }
        return merged;
    }

    private Optional<Field> importedField(ResourceArgs args, String name) {
        return fields.computeIfAbsent(args.getClass(), c -> new ConcurrentHashMap<>())
                .computeIfAbsent(name, n -> findImportedField(args.getClass(), n));
    }

    /** The field of a generated Args class that the SDK serializes as {@code name}. */
    private static Optional<Field> findImportedField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (var field : c.getDeclaredFields()) {
                var imported = field.getAnnotation(Import.class);
                if (imported != null
                        && imported.name().equals(name)
                        && field.getType() == Output.class) {
                    field.setAccessible(true);
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static <T> Output<T> read(Field field, ResourceArgs args) {
        try {
            return (Output<T>) field.get(args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void write(Field field, ResourceArgs args, Output<?> value) {
        try {
            field.set(args, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }
}
