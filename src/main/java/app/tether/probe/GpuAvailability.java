package app.tether.probe;

/** Whether a server's GPUs could be read, and if not, why. */
public enum GpuAvailability {
    /** nvidia-smi answered; the GPU list may still be empty. */
    AVAILABLE,
    /** There is no nvidia-smi on the server (no NVIDIA GPU, or no driver utilities installed). */
    NO_NVIDIA_SMI,
    /** nvidia-smi exists but the driver is not usable: not loaded, version mismatch, or no device found. */
    NO_DRIVER,
    /** nvidia-smi failed in another way (timeout, unreadable output). */
    ERROR
}
