package app.tether.inventory;

/** The four kinds of machine Tether knows; the JSON name is what {@code --json} output shows. */
public enum TargetKind {
    SSH("ssh"), HF_SPACE("hf-space"), GCE("gce"), CNB("cnb");

    private final String id;

    TargetKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String messageKey() {
        return "kind." + id;
    }
}
