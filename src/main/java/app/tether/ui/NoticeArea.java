package app.tether.ui;

import app.tether.watch.Notice;
import app.tether.watch.NoticeAction;
import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The window's notification cards (bottom right, over the content): title, text, the notice's buttons, close. */
final class NoticeArea extends VBox {
    private static final double WIDTH = 360;

    private final NoticeBoard board;
    private final UiLanguage language;

    NoticeArea(NoticeBoard board, UiLanguage language) {
        super(8);
        this.board = board;
        this.language = language;
        setId("notice-area");
        setAlignment(Pos.BOTTOM_RIGHT);
        setPadding(new Insets(12, 12, 36, 12));
        setMaxSize(WIDTH + 24, Region.USE_PREF_SIZE);
        setPickOnBounds(false);
        board.notices().addListener((ListChangeListener<Notice>) change -> render());
        render();
    }

    private void render() {
        getChildren().setAll(board.notices().stream().map(this::card).toList());
    }

    private VBox card(Notice notice) {
        Label title = new Label(notice.title());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Button close = new Button("×");
        close.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        close.setId("notice-dismiss");
        close.accessibleTextProperty().bind(language.text("watch.notice.dismiss"));
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(event -> board.dismiss(notice));
        HBox head = new HBox(8, title, close);
        head.setAlignment(Pos.CENTER_LEFT);
        Label body = new Label(notice.body());
        body.setWrapText(true);
        HBox buttons = new HBox(8);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        for (NoticeAction action : notice.actions()) {
            Button button = new Button();
            button.setId("notice-" + action.id());
            button.textProperty().bind(language.text(action.labelKey()));
            if (buttons.getChildren().isEmpty()) {
                button.getStyleClass().add(Styles.ACCENT);
            }
            button.setOnAction(event -> board.answer(notice, action));
            buttons.getChildren().add(button);
        }
        VBox card = new VBox(6, head, body);
        if (!buttons.getChildren().isEmpty()) {
            card.getChildren().add(buttons);
        }
        card.getStyleClass().add("notice");
        if (notice.urgency() == Notice.Urgency.CRITICAL) {
            card.getStyleClass().add("notice-critical");
        }
        card.setPadding(new Insets(10, 12, 10, 12));
        card.setMaxWidth(WIDTH);
        card.setPrefWidth(WIDTH);
        card.setStyle("-fx-background-color: -color-bg-default; -fx-background-radius: 6;"
                + " -fx-border-color: " + (notice.urgency() == Notice.Urgency.CRITICAL ? "-color-danger-emphasis"
                        : "-color-border-default") + "; -fx-border-radius: 6;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 12, 0, 0, 3);");
        return card;
    }
}
