package labstacks.shared.program;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/** The programs on the class path, by name. */
public final class ProgramCatalog {
    private final SortedMap<String, StackProgram<?, ?>> programs;

    private ProgramCatalog(Collection<? extends StackProgram<?, ?>> found) {
        var byName = new TreeMap<String, StackProgram<?, ?>>();
        for (var program : found) {
            var previous = byName.put(program.name(), program);
            if (previous != null) {
                throw new IllegalStateException(
                        "two programs are registered as '"
                                + program.name()
                                + "': "
                                + previous.getClass().getName()
                                + " and "
                                + program.getClass().getName());
            }
        }
        this.programs = byName;
    }

    /** Every program registered under {@code META-INF/services/labstacks.shared.program.StackProgram}. */
    public static ProgramCatalog discover() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        var loader =
                (ServiceLoader<StackProgram<?, ?>>)
                        (ServiceLoader) ServiceLoader.load(StackProgram.class);
        return new ProgramCatalog(loader.stream().map(ServiceLoader.Provider::get).toList());
    }

    public static ProgramCatalog of(List<? extends StackProgram<?, ?>> programs) {
        return new ProgramCatalog(programs);
    }

    public Optional<StackProgram<?, ?>> find(String name) {
        return Optional.ofNullable(programs.get(name));
    }

    public List<String> names() {
        return List.copyOf(programs.keySet());
    }

    public Collection<StackProgram<?, ?>> all() {
        return programs.values();
    }
}
