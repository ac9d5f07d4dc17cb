// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.pose;

/**
 * Where an image sits inside a fixed-size network input: scaled (each axis by {@code content / image}) and placed at
 * {@code (contentX, contentY)}, the rest padding. Maps network-input pixels back to image pixels. Coordinates follow
 * OpenCV: pixel {@code i} has its centre at {@code i}, and a resize maps centres as {@code (i + 0.5) * s - 0.5}.
 * Immutable and thread-safe.
 *
 * @param imageWidth    width of the original image
 * @param imageHeight   height of the original image
 * @param inputWidth    width of the network input
 * @param inputHeight   height of the network input
 * @param contentX      left edge of the scaled image in the input
 * @param contentY      top edge of the scaled image in the input
 * @param contentWidth  width of the scaled image
 * @param contentHeight height of the scaled image
 */
public record Letterbox(int imageWidth, int imageHeight, int inputWidth, int inputHeight, int contentX, int contentY,
        int contentWidth, int contentHeight) {
    public Letterbox {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image: " + imageWidth + "x" + imageHeight + " is empty");
        }
        if (inputWidth <= 0 || inputHeight <= 0) {
            throw new IllegalArgumentException("input: " + inputWidth + "x" + inputHeight + " is empty");
        }
        if (contentWidth <= 0 || contentHeight <= 0 || contentX < 0 || contentY < 0
                || contentX + contentWidth > inputWidth || contentY + contentHeight > inputHeight) {
            throw new IllegalArgumentException("content: " + contentWidth + "x" + contentHeight + " at (" + contentX
                    + ", " + contentY + ") does not fit the " + inputWidth + "x" + inputHeight + " input");
        }
    }

    /**
     * The image scaled to the largest size that fits the input with its aspect ratio kept, at the top-left corner
     * (padding right or bottom, as Open Model Zoo's OpenPose demo does): a tall image fills the height, a wide one
     * the width.
     */
    public static Letterbox fit(int imageWidth, int imageHeight, int inputWidth, int inputHeight) {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image: " + imageWidth + "x" + imageHeight + " is empty");
        }
        double s = Math.min(inputWidth / (double) imageWidth, inputHeight / (double) imageHeight);
        int w = (int) Math.max(1, Math.min(inputWidth, Math.round(imageWidth * s)));
        int h = (int) Math.max(1, Math.min(inputHeight, Math.round(imageHeight * s)));
        return new Letterbox(imageWidth, imageHeight, inputWidth, inputHeight, 0, 0, w, h);
    }

    /** No scaling, no padding: input pixels are image pixels (for decoding maps already in image coordinates). */
    public static Letterbox identity(int width, int height) {
        return new Letterbox(width, height, width, height, 0, 0, width, height);
    }

    /** Whether the image fills the whole input unscaled. */
    public boolean isIdentity() {
        return imageWidth == inputWidth && imageHeight == inputHeight && contentWidth == inputWidth
                && contentHeight == inputHeight;
    }

    /** Image x of network-input x. */
    public float toImageX(float inputX) {
        return (inputX + 0.5f - contentX) * imageWidth / contentWidth - 0.5f;
    }

    /** Image y of network-input y. */
    public float toImageY(float inputY) {
        return (inputY + 0.5f - contentY) * imageHeight / contentHeight - 0.5f;
    }

    /** Network-input x of image x (the inverse of {@link #toImageX}). */
    public float toInputX(float imageX) {
        return (imageX + 0.5f) * contentWidth / imageWidth + contentX - 0.5f;
    }

    /** Network-input y of image y (the inverse of {@link #toImageY}). */
    public float toInputY(float imageY) {
        return (imageY + 0.5f) * contentHeight / imageHeight + contentY - 0.5f;
    }
}
