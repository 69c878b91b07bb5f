import type { IncomingMessage, ServerResponse } from 'node:http';
import {
    canReadCase,
    downloadable,
    filesOf,
    storeFile,
    UPLOAD_KEEP_BYTES
} from './backend/files';
import type { PreviewBackend } from './backend/service';

/**
 * The platform's side of files in the preview, outside Apex:
 *
 * - `POST /preview/upload?recordId=<case>&name=<file name>` with the file's bytes as the body:
 *   what lightning-file-upload does in the org (its stand-in, client/lwc/preview/fileUpload,
 *   calls it). The file is stored linked to the case with the default visibility of a file
 *   shared with a record in an org with an Experience Cloud site, InternalUsers (Salesforce Help
 *   000384243), if the user can read the case (Help 005232634: Read access is enough to upload).
 *   Answers `{ documentId, contentVersionId, name }`, as the component's uploadfinished event
 *   carries them. The portal's own rules are not applied here: attachFiles applies them after.
 * - `GET /sfc/servlet.shepherd/document/download/<ContentDocument Id>` and
 *   `.../version/download/<ContentVersion Id>`: the URLs lightning/fileDownload's generateUrl
 *   builds (lightning-base-components, fileDownload/resourceResolver.js), answered with the file
 *   when the user may see it (linked with Visibility AllUsers to a case they can read, or their
 *   own upload), 404 otherwise.
 */

const DOWNLOAD =
    /^\/sfc\/servlet\.shepherd\/(document|version)\/download\/([A-Za-z0-9]{15,18})$/;

/** The body's size in full, and its first UPLOAD_KEEP_BYTES bytes. */
function readUpload(
    request: IncomingMessage
): Promise<{ size: number; content: Buffer }> {
    return new Promise((resolve, reject) => {
        let size = 0;
        const parts: Buffer[] = [];
        let kept = 0;
        request.on('data', (part: Buffer) => {
            size += part.length;
            if (kept < UPLOAD_KEEP_BYTES) {
                const slice = part.subarray(0, UPLOAD_KEEP_BYTES - kept);
                parts.push(slice);
                kept += slice.length;
            }
        });
        request.on('end', () =>
            resolve({ size, content: Buffer.concat(parts) })
        );
        request.on('error', reject);
    });
}

function json(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store'
    });
    response.end(text);
}

/** Answers a file request; false when the request is not one. */
export async function handleFileRequest(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    backend: PreviewBackend
): Promise<boolean> {
    const method = request.method ?? 'GET';
    const store = backend.store;
    if (method === 'POST' && url.pathname === '/preview/upload') {
        const recordId = url.searchParams.get('recordId') ?? '';
        const name = (url.searchParams.get('name') ?? '').trim();
        const record = store.cases.get(recordId);
        if (!record || !canReadCase(store, record)) {
            request.resume();
            json(response, 404, {
                message: 'The record does not exist or you cannot see it.'
            });
            return true;
        }
        if (!name) {
            request.resume();
            json(response, 400, { message: 'A file name is required.' });
            return true;
        }
        const { size, content } = await readUpload(request);
        const file = storeFile(store, {
            caseId: record.id,
            name,
            size,
            content,
            createdById: store.me.id,
            visibility: 'InternalUsers'
        });
        json(response, 200, {
            name,
            documentId: file.documentId,
            contentVersionId: file.versionId
        });
        return true;
    }
    const download = DOWNLOAD.exec(url.pathname);
    if (download && (method === 'GET' || method === 'HEAD')) {
        const byVersion = download[1] === 'version';
        const id = download[2] ?? '';
        const documentId = byVersion
            ? filesOf(store).find((f) => f.versionId === id)?.documentId
            : id;
        const file =
            documentId === undefined
                ? undefined
                : downloadable(store, documentId);
        if (!file) {
            response.writeHead(404, { 'Content-Type': 'text/plain' });
            response.end('Not found');
            return true;
        }
        const fileName = file.extension
            ? `${file.title}.${file.extension}`
            : file.title;
        response.writeHead(200, {
            'Content-Type': 'application/octet-stream',
            'Content-Length': file.content.length,
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
            'Cache-Control': 'no-store'
        });
        response.end(method === 'HEAD' ? undefined : file.content);
        return true;
    }
    return false;
}
