// The REST routes, relative to /services/data/vXX.X, and the few outside it.

import type { ApiRequest, ApiResponse } from '../core/http';
import { Router } from '../core/router';
import type { EmulatorState } from '../api/state';
import {
    createJob,
    deleteJob,
    getJob,
    jobResults,
    listJobs,
    patchJob,
    uploadData
} from './bulk';
import {
    createMany,
    deleteMany,
    retrieveMany,
    updateMany
} from './collections';
import { composite } from './composite';
import { identity, userInfo } from './identity';
import { limits } from './limits';
import { getPassword, resetPassword, setPassword } from './password';
import { addOauthRoutes } from './oauth';
import { token } from './oauth-token';
import { closeEventLogDay, eventLogFile } from './event-log';
import { nextPage, runSoql } from './query';
import {
    createRecord,
    deleteRecord,
    describe,
    describeGlobal,
    getRecord,
    sobjectBasics,
    updateRecord
} from './sobjects';
import { changedRecordsNotEmulated, createById } from './sobject-extras';
import { versionResources } from './versions';

type StateHandler = (
    state: EmulatorState,
    request: ApiRequest
) => Promise<ApiResponse>;

export function dataRouter(state: EmulatorState): Router {
    const router = new Router('/services/data/vXX.X');
    const add = (
        method: string,
        pattern: string,
        handler: StateHandler
    ): void => {
        router.add(method, pattern, (request) => handler(state, request));
    };
    add('GET', '/', versionResources);
    add('GET', '/sobjects', describeGlobal);
    add('GET', '/sobjects/:type', sobjectBasics);
    add('POST', '/sobjects/:type', createRecord);
    add('GET', '/sobjects/:type/describe', describe);
    add('GET', '/sobjects/:type/deleted', changedRecordsNotEmulated('deleted'));
    add('GET', '/sobjects/:type/updated', changedRecordsNotEmulated('updated'));
    add('POST', '/sobjects/:type/:id', createById);
    add('GET', '/sobjects/:type/:id', getRecord);
    add('PATCH', '/sobjects/:type/:id', updateRecord);
    add('DELETE', '/sobjects/:type/:id', deleteRecord);
    add('GET', '/sobjects/EventLogFile/:id/LogFile', eventLogFile);
    add('GET', '/sobjects/:type/:id/password', getPassword);
    add('POST', '/sobjects/:type/:id/password', setPassword);
    add('DELETE', '/sobjects/:type/:id/password', resetPassword);
    add('GET', '/query', (s, r) => runSoql(s, r, 'query'));
    add('GET', '/query/:locator', (s, r) => nextPage(s, r, 'query'));
    add('GET', '/queryAll', (s, r) => runSoql(s, r, 'queryAll'));
    add('GET', '/queryAll/:locator', (s, r) => nextPage(s, r, 'queryAll'));
    add('GET', '/tooling/query', (s, r) => runSoql(s, r, 'tooling/query'));
    add('GET', '/tooling/query/:locator', (s, r) =>
        nextPage(s, r, 'tooling/query')
    );
    add('POST', '/composite', composite);
    add('POST', '/composite/sobjects', createMany);
    add('PATCH', '/composite/sobjects', updateMany);
    add('DELETE', '/composite/sobjects', deleteMany);
    add('GET', '/composite/sobjects/:type', retrieveMany);
    add('POST', '/composite/sobjects/:type', retrieveMany);
    add('GET', '/limits', limits);
    add('POST', '/jobs/ingest', createJob);
    add('GET', '/jobs/ingest', listJobs);
    add('GET', '/jobs/ingest/:id', getJob);
    add('PATCH', '/jobs/ingest/:id', patchJob);
    add('DELETE', '/jobs/ingest/:id', deleteJob);
    add('PUT', '/jobs/ingest/:id/batches', uploadData);
    add('GET', '/jobs/ingest/:id/successfulResults', jobResults('successful'));
    add('GET', '/jobs/ingest/:id/failedResults', jobResults('failed'));
    add(
        'GET',
        '/jobs/ingest/:id/unprocessedrecords',
        jobResults('unprocessed')
    );
    return router;
}

export function otherRouter(state: EmulatorState): Router {
    const router = new Router();
    router.add('GET', '/services/oauth2/userinfo', (request) =>
        userInfo(state, request)
    );
    router.add('POST', '/services/oauth2/token', (request) =>
        token(state, request)
    );
    router.add('POST', '/_emulator/event-log/close', (request) =>
        closeEventLogDay(state, request)
    );
    router.add('GET', '/id/:orgId/:userId', (request) =>
        identity(state, request)
    );
    addOauthRoutes(router, state);
    return router;
}
