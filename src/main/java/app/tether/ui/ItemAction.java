package app.tether.ui;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One thing the user can do with the selected target, rendered by {@link ActionRow} as a button or as an entry
 * of its "More" menu. Kinds add their own actions; {@code shownFor} decides for which targets it appears and
 * {@code enabledFor} whether it can be used right now (both are asked again whenever the target changes).
 *
 * @param id         the control's id ({@code #id} in tests and for keeping the focus across refreshes)
 * @param labelKey   bundle key of the label; a label is never cut, the row wraps instead
 * @param tipKey     bundle key of a tooltip, or null
 * @param placement  a button in the row, or an entry of the More menu
 * @param style      an AtlantaFX style class such as {@code Styles.ACCENT}, or null
 */
record ItemAction(String id, String labelKey, String tipKey, Placement placement, String style,
        Predicate<TargetItem> shownFor, Predicate<TargetItem> enabledFor, Consumer<TargetItem> action) {

    /** Where an action sits. */
    enum Placement { BUTTON, MORE }

    /** A button shown for every target and always enabled; narrow it with {@link #shownFor} and {@link #enabledWhen}. */
    static ItemAction button(String id, String labelKey, Consumer<TargetItem> action) {
        return new ItemAction(id, labelKey, null, Placement.BUTTON, null, item -> true, item -> true, action);
    }

    /** An entry of the More menu, shown for every target and always enabled. */
    static ItemAction more(String id, String labelKey, Consumer<TargetItem> action) {
        return new ItemAction(id, labelKey, null, Placement.MORE, null, item -> true, item -> true, action);
    }

    ItemAction shownFor(Predicate<TargetItem> when) {
        return new ItemAction(id, labelKey, tipKey, placement, style, when, enabledFor, action);
    }

    ItemAction enabledWhen(Predicate<TargetItem> when) {
        return new ItemAction(id, labelKey, tipKey, placement, style, shownFor, when, action);
    }

    ItemAction styled(String styleClass) {
        return new ItemAction(id, labelKey, tipKey, placement, styleClass, shownFor, enabledFor, action);
    }

    ItemAction tip(String key) {
        return new ItemAction(id, labelKey, key, placement, style, shownFor, enabledFor, action);
    }
}
