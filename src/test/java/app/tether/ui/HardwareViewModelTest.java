package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hardware… and Sleep time dialogs' state: what is chosen, when OK is enabled, what is sent. */
class HardwareViewModelTest {
    private static final List<SpaceFlavor> FLAVORS = List.of(
            new SpaceFlavor("cpu-basic", "CPU Basic", "2 vCPU · 16 GB", BigDecimal.ZERO, false),
            new SpaceFlavor("t4-small", "Nvidia T4 small", "4 vCPU · 15 GB · 16 GB GPU", new BigDecimal("0.40"), true),
            new SpaceFlavor("a10g-large", "A10G large", "12 vCPU · 46 GB · 24 GB GPU", new BigDecimal("1.50"), true));

    @Test
    void startsOnTheCurrentFlavorWithOkDisabledUntilSomethingChanges() {
        HardwareViewModel model = new HardwareViewModel("lab", FLAVORS, "t4-small", 3600);
        assertEquals("t4-small", model.selectedProperty().get().id());
        assertFalse(model.validProperty().get());

        model.selectedProperty().set(FLAVORS.get(2));
        assertTrue(model.validProperty().get());
        assertEquals("a10g-large", model.flavorId());
        assertNull(model.sleepSeconds(), "the sleep time is kept when it was not touched");
    }

    @Test
    void aNewSleepTimeAloneIsAChangeAndIsSentWithTheHardware() {
        HardwareViewModel model = new HardwareViewModel("lab", FLAVORS, "t4-small", null);
        assertEquals(SleepTimes.NEVER, model.sleepProperty().get());
        model.sleepProperty().set(900);
        assertTrue(model.validProperty().get());
        assertEquals(900, model.sleepSeconds());
    }

    @Test
    void cpuBasicTakesNoSleepTime() {
        HardwareViewModel model = new HardwareViewModel("lab", FLAVORS, "t4-small", 3600);
        model.sleepProperty().set(900);
        model.selectedProperty().set(FLAVORS.get(0));
        assertFalse(model.sleepAppliesProperty().get());
        assertTrue(model.validProperty().get());
        assertNull(model.sleepSeconds(), "the API refuses a sleep time on cpu-basic");
    }

    @Test
    void anUnknownCurrentFlavorSelectsNothingAndAnUnusualSleepTimeIsOffered() {
        HardwareViewModel model = new HardwareViewModel("lab", FLAVORS, "h100x8", 7200);
        assertNull(model.selectedProperty().get());
        assertFalse(model.validProperty().get());
        assertTrue(model.sleepChoices().contains(7200));
        assertEquals(SleepTimes.NEVER, model.sleepChoices().get(0));
    }

    @Test
    void theSleepTimeDialogIsOkOnlyForAnotherValue() {
        SleepTimeViewModel model = new SleepTimeViewModel("lab", 172_800);
        assertFalse(model.validProperty().get());
        model.secondsProperty().set(SleepTimes.NEVER);
        assertTrue(model.validProperty().get());
    }
}
