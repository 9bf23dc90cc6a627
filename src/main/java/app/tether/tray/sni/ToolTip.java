package app.tether.tray.sni;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** {@code (sa(iiay)ss)}: an SNI tooltip (icon name, icon images, title, text). */
public final class ToolTip extends Struct {
    @Position(0)
    public final String iconName;
    @Position(1)
    public final List<Pixmap> icon;
    @Position(2)
    public final String title;
    @Position(3)
    public final String text;

    public ToolTip(String iconName, List<Pixmap> icon, String title, String text) {
        this.iconName = iconName;
        this.icon = icon;
        this.title = title;
        this.text = text;
    }
}
