import { LightningElement, api } from 'lwc';

/**
 * The preview's lightning-file-upload (lightning-base-components has no such module: on the
 * platform it uploads through Salesforce's own file service). Same public attributes (label,
 * record-id, accept, multiple, disabled, name), a lightning-input of type file for the picking,
 * and the documented event: uploadfinished with detail.files [{ name, documentId,
 * contentVersionId }] once every file is stored (Component Reference, lightning-file-upload).
 * Each file goes to the preview server (POST /preview/upload), which links it to the record as
 * the platform would; the platform's "Upload Files" progress dialog is not reproduced.
 */
export default class FileUpload extends LightningElement {
    @api label = 'Upload Files';
    @api recordId;
    @api accept;
    @api multiple = false;
    @api disabled = false;
    @api name;
    @api fileFieldName;
    @api fileFieldValue;

    isUploading = false;
    error;

    get isDisabled() {
        return Boolean(this.disabled) || this.isUploading || !this.recordId;
    }

    async upload(file) {
        const query = new URLSearchParams({
            recordId: this.recordId,
            name: file.name
        });
        const response = await fetch(`/preview/upload?${query}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/octet-stream' },
            body: file
        });
        const body = await response.json();
        if (!response.ok) {
            throw new Error(body?.message ?? 'Upload failed');
        }
        return body;
    }

    async handleChange(event) {
        const picked = [...(event.detail?.files ?? event.target?.files ?? [])];
        if (picked.length === 0) {
            return;
        }
        this.isUploading = true;
        this.error = undefined;
        // All files at once; the ones that made it are reported even when another failed.
        const results = await Promise.allSettled(
            picked.map((file) => this.upload(file))
        );
        const uploaded = results
            .filter((result) => result.status === 'fulfilled')
            .map((result) => result.value);
        const failed = results.find((result) => result.status === 'rejected');
        if (failed) {
            this.error = failed.reason?.message ?? 'Upload failed';
        }
        this.isUploading = false;
        if (uploaded.length > 0) {
            this.dispatchEvent(
                new CustomEvent('uploadfinished', {
                    detail: { files: uploaded }
                })
            );
        }
    }
}
