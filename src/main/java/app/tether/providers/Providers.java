package app.tether.providers;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.Target;
import app.tether.inventory.TargetKind;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** The provider of each kind; the one place every part (CLI, window, watchers) looks providers up. */
public final class Providers {
    private final Map<TargetKind, Provider<?>> byKind = new EnumMap<>(TargetKind.class);

    public Providers register(Provider<?> provider) {
        byKind.put(provider.kind(), provider);
        return this;
    }

    /** The provider for {@code target}'s kind; INVALID when none is registered. */
    @SuppressWarnings("unchecked")
    public <T extends Target> Provider<T> forTarget(T target) {
        Provider<?> provider = byKind.get(target.kind());
        if (provider == null) {
            throw new TetherException(ErrorCode.INVALID, "error.provider.missing", target.name(), target.kind().id());
        }
        return (Provider<T>) provider;
    }

    public boolean has(TargetKind kind) {
        return byKind.containsKey(kind);
    }

    public Collection<Provider<?>> all() {
        return byKind.values();
    }
}
