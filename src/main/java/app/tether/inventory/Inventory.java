package app.tether.inventory;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The user's targets, in the order they were added; immutable, names unique. */
public record Inventory(List<Target> targets) {
    public Inventory {
        targets = List.copyOf(targets);
    }

    public static Inventory empty() {
        return new Inventory(List.of());
    }

    /** Names compare after Unicode NFC normalisation, so "é" typed two ways is one name. */
    public static String normalizeName(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
    }

    public Optional<Target> find(String name) {
        String wanted = normalizeName(name);
        return targets.stream().filter(t -> normalizeName(t.name()).equals(wanted)).findFirst();
    }

    public Target require(String name) {
        return find(name).orElseThrow(() -> new TetherException(ErrorCode.NOT_FOUND, "error.target.notFound", name));
    }

    public boolean contains(String name) {
        return find(name).isPresent();
    }

    public Inventory add(Target target) {
        if (contains(target.name())) {
            throw new TetherException(ErrorCode.DUPLICATE, "error.target.duplicate", target.name());
        }
        List<Target> next = new ArrayList<>(targets);
        next.add(target);
        return new Inventory(next);
    }

    /** Replaces the target called {@code oldName} by {@code target}, keeping its place in the list. */
    public Inventory replace(String oldName, Target target) {
        Target old = require(oldName);
        if (!normalizeName(oldName).equals(normalizeName(target.name())) && contains(target.name())) {
            throw new TetherException(ErrorCode.DUPLICATE, "error.target.duplicate", target.name());
        }
        List<Target> next = new ArrayList<>(targets);
        next.set(next.indexOf(old), target);
        return new Inventory(next);
    }

    public Inventory remove(String name) {
        Target old = require(name);
        List<Target> next = new ArrayList<>(targets);
        next.remove(old);
        return new Inventory(next);
    }
}
