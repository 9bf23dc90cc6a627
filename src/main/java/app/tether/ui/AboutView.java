package app.tether.ui;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Help → About: name, version, runtime, links to the licence and to Tether's folders. */
final class AboutView extends VBox {
    AboutView(AboutInfo info, UiLanguage language) {
        super(8);
        setId("about-view");
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(480);
        Label name = new Label(language.get("app.name"));
        name.getStyleClass().add(Styles.TITLE_2);
        Label version = new Label(language.get("ui.about.version", info.version()));
        version.setId("about-version");
        HBox title = new HBox(12);
        AppIcons.load().stream().filter(icon -> icon.getWidth() >= 48).findFirst().ifPresent(icon -> {
            ImageView view = new ImageView(icon);
            view.setFitWidth(48);
            view.setPreserveRatio(true);
            title.getChildren().add(view);
        });
        title.getChildren().add(new VBox(2, name, version));
        Label what = new Label(language.get("ui.about.text"));
        what.setWrapText(true);
        Label runtime = new Label(language.get("ui.about.runtime", info.java(), info.javafx()));
        runtime.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        getChildren().addAll(title, what, runtime,
                link("about-license", language.get("ui.about.license"), AboutInfo.LICENSE_URL, info),
                folder("about-data", language.get("ui.about.data", info.dataFolder()), info.dataFolder(), info),
                folder("about-logs", language.get("ui.about.logs", info.logsFolder()), info.logsFolder(), info));
    }

    private static Hyperlink link(String id, String text, String uri, AboutInfo info) {
        Hyperlink link = new Hyperlink(text);
        link.setId(id);
        link.setWrapText(true);
        link.setOnAction(event -> info.opener().accept(uri));
        return link;
    }

    private static Hyperlink folder(String id, String text, Path folder, AboutInfo info) {
        return link(id, text, folder.toUri().toString(), info);
    }
}
