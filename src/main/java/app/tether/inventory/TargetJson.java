package app.tether.inventory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets to and from the JSON trees of {@link app.tether.core.JsonTrees}, in the shape {@code inventory.json} has
 * always had: {@code "kind"} first, then each field in the record's order, a target's null fields left out, null
 * inside the Jupyter settings and port forwards written; a price's amount as text so "8.50" stays "8.50". Reading
 * is as lenient as the data binding that wrote these files was: a missing field is null (a missing port of a
 * forward 0), a number or boolean where text belongs is its text, a whole number written as text or as "22.0" is
 * taken. Anything else that does not fit, a record refusing its values included, is an IllegalArgumentException.
 */
public final class TargetJson {
    private TargetJson() {
    }

    /** {@code target} as a JSON object. */
    public static Map<String, Object> write(Target target) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("kind", target.kind().id());
        if (target instanceof SshServer s) {
            put(node, "name", s.name());
            put(node, "sshAlias", s.sshAlias());
            put(node, "host", s.host());
            put(node, "user", s.user());
            put(node, "port", s.port());
            put(node, "identityFile", s.identityFile());
            put(node, "jumpHost", s.jumpHost());
            common(node, s);
            Map<String, Object> jupyter = new LinkedHashMap<>();
            jupyter.put("port", s.jupyter().port());
            jupyter.put("notebookDir", s.jupyter().notebookDir());
            node.put("jupyter", jupyter);
            List<Object> forwards = new ArrayList<>();
            for (PortForward f : s.forwards()) {
                Map<String, Object> forward = new LinkedHashMap<>();
                forward.put("label", f.label());
                forward.put("localPort", f.localPort());
                forward.put("remoteHost", f.remoteHost());
                forward.put("remotePort", f.remotePort());
                forwards.add(forward);
            }
            node.put("forwards", forwards);
            put(node, "hostKeyAlias", s.hostKeyAlias());
        } else if (target instanceof HfSpace h) {
            put(node, "name", h.name());
            put(node, "spaceId", h.spaceId());
            put(node, "hardware", h.hardware());
            common(node, h);
        } else if (target instanceof GceInstance g) {
            put(node, "name", g.name());
            put(node, "project", g.project());
            put(node, "zone", g.zone());
            put(node, "instance", g.instance());
            common(node, g);
            put(node, "sshUser", g.sshUser());
            put(node, "restartAfterPreemption", g.restartAfterPreemption() == null ? null
                    : g.restartAfterPreemption().id());
        } else {
            CnbWorkspace c = (CnbWorkspace) target;
            put(node, "name", c.name());
            put(node, "repo", c.repo());
            put(node, "branch", c.branch());
            put(node, "pipelineId", c.pipelineId());
            common(node, c);
            put(node, "runner", c.runner());
        }
        return node;
    }

    /** Tags, notes and price, which every kind has in this order. */
    private static void common(Map<String, Object> node, Target target) {
        node.put("tags", new ArrayList<Object>(target.tags()));
        put(node, "notes", target.notes());
        if (target.price() != null) {
            Map<String, Object> price = new LinkedHashMap<>();
            price.put("currency", target.price().currency());
            price.put("amount", target.price().amount().toString());
            node.put("price", price);
        }
    }

    /** A target's own fields are written only when set. */
    private static void put(Map<String, Object> node, String name, Object value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** The target {@code node} describes; IllegalArgumentException when it is not one. */
    public static Target read(Object node) {
        Fields f = Fields.of(node, "target");
        String kind = f.text("kind");
        if (kind == null || f.text("name") == null) {
            throw new IllegalArgumentException("a target without a kind or a name");
        }
        return switch (kind) {
            case "ssh" -> new SshServer(f.text("name"), f.text("sshAlias"), f.text("host"), f.text("user"),
                    f.integer("port"), f.text("identityFile"), f.text("jumpHost"), f.texts("tags"), f.text("notes"),
                    price(f.get("price")), jupyter(f.get("jupyter")), forwards(f.get("forwards")),
                    f.text("hostKeyAlias"));
            case "hf-space" -> new HfSpace(f.text("name"), f.text("spaceId"), f.text("hardware"), f.texts("tags"),
                    f.text("notes"), price(f.get("price")));
            case "gce" -> new GceInstance(f.text("name"), f.text("project"), f.text("zone"), f.text("instance"),
                    f.texts("tags"), f.text("notes"), price(f.get("price")), f.text("sshUser"),
                    f.text("restartAfterPreemption") == null ? null
                            : PreemptionRestart.parse(f.text("restartAfterPreemption")));
            case "cnb" -> new CnbWorkspace(f.text("name"), f.text("repo"), f.text("branch"), f.text("pipelineId"),
                    f.texts("tags"), f.text("notes"), price(f.get("price")), f.text("runner"));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    private static HourlyPrice price(Object node) {
        if (node == null) {
            return null;
        }
        Fields f = Fields.of(node, "price");
        Object amount = f.get("amount");
        BigDecimal value;
        if (amount == null) {
            value = null;
        } else if (amount instanceof String text) {
            value = new BigDecimal(text.strip()); // NumberFormatException is an IllegalArgumentException
        } else if (amount instanceof BigDecimal number) {
            value = number;
        } else if (amount instanceof Long || amount instanceof BigInteger) {
            value = new BigDecimal(amount.toString());
        } else {
            throw new IllegalArgumentException("a price's amount is not a number");
        }
        return new HourlyPrice(f.text("currency"), value);
    }

    private static JupyterSettings jupyter(Object node) {
        if (node == null) {
            return null;
        }
        Fields f = Fields.of(node, "jupyter");
        return new JupyterSettings(f.integer("port"), f.text("notebookDir"));
    }

    private static List<PortForward> forwards(Object node) {
        if (node == null) {
            return null;
        }
        List<PortForward> forwards = new ArrayList<>();
        for (Object element : Fields.list(node, "forwards")) {
            Fields f = Fields.of(element, "forward");
            Integer local = f.integer("localPort");
            Integer remote = f.integer("remotePort");
            forwards.add(new PortForward(f.text("label"), local == null ? 0 : local, f.text("remoteHost"),
                    remote == null ? 0 : remote));
        }
        return forwards;
    }

    /** One JSON object's fields, read as the record components expect them. */
    private record Fields(Map<?, ?> node) {
        static Fields of(Object node, String what) {
            if (!(node instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return new Fields(map);
        }

        static List<?> list(Object node, String what) {
            if (!(node instanceof List<?> list)) {
                throw new IllegalArgumentException(what + " is not a JSON array");
            }
            return list;
        }

        Object get(String name) {
            return node.get(name);
        }

        String text(String name) {
            return scalarText(get(name), name);
        }

        Integer integer(String name) {
            Object value = get(name);
            if (value == null) {
                return null;
            }
            BigDecimal number;
            try {
                number = value instanceof String text ? new BigDecimal(text.strip())
                        : value instanceof Number ? new BigDecimal(value.toString()) : null;
            } catch (NumberFormatException e) {
                number = null;
            }
            if (number == null || number.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(name + " is not a whole number");
            }
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + " is out of range", e);
            }
        }

        List<String> texts(String name) {
            Object value = get(name);
            if (value == null) {
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (Object element : list(value, name)) {
                if (element == null) {
                    throw new IllegalArgumentException(name + " holds a null");
                }
                texts.add(scalarText(element, name));
            }
            return texts;
        }

        private static String scalarText(Object value, String name) {
            if (value == null || value instanceof String) {
                return (String) value;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
            throw new IllegalArgumentException(name + " is not text");
        }
    }
}
